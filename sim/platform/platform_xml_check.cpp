#include "sim/platform/platform_xml_check.hpp"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "sim/config/input_error.hpp"

namespace ascendsim {

namespace {

struct Attr {
  std::string_view name, value;  // views into the file's text
};

struct Reference {
  int line, column;
  std::string element, attribute;
  std::string_view id;
  bool link;  // a link id (else a netpoint: host, router or zone)
};

class Checker {
 public:
  Checker(const std::string& text, const std::string& name) : t_(text), name_(name) {}

  void run() {
    std::vector<std::pair<std::string, std::pair<int, int>>> open;  // element, (line, column)
    bool root_seen = false, root_closed = false;
    while (i_ < t_.size() && errors_.size() < kMaxErrors) {
      const std::size_t lt = t_.find('<', i_);
      const std::size_t text_end = lt == std::string::npos ? t_.size() : lt;
      for (std::size_t k = i_; k < text_end; ++k)
        if (!std::isspace(static_cast<unsigned char>(t_[k]))) {
          advance_to(k);
          error("", root_closed ? "text after the closing </platform>" : "text outside an element");
          break;
        }
      advance_to(text_end);
      if (lt == std::string::npos) break;
      const int line = line_, col = column();
      if (starts("<!--")) { skip_past("-->", "comment"); continue; }
      if (starts("<?")) { skip_past("?>", "processing instruction"); continue; }
      if (starts("<!")) { skip_past(">", "declaration"); continue; }
      if (starts("</")) {
        advance_to(i_ + 2);
        const std::string nm = name_token();
        skip_space();
        if (i_ >= t_.size() || t_[i_] != '>') { error_at(line, col, nm, "unterminated closing tag </" + nm); return; }
        advance_to(i_ + 1);
        if (open.empty() || open.back().first != nm) {
          error_at(line, col, nm, open.empty() ? "closing tag </" + nm + "> without an opening tag"
                                              : "closing tag </" + nm + "> but <" + open.back().first + "> (line " +
                                                    std::to_string(open.back().second.first) + ") is open");
          return;
        }
        open.pop_back();
        if (open.empty()) root_closed = true;
        continue;
      }
      advance_to(i_ + 1);
      const std::string nm = name_token();
      if (nm.empty()) { error_at(line, col, "", "expected an element name after '<'"); return; }
      std::vector<Attr> attrs;
      bool self_closing = false, ok = false;
      while (i_ < t_.size()) {
        skip_space();
        if (i_ >= t_.size()) break;
        if (t_[i_] == '>') { advance_to(i_ + 1); ok = true; break; }
        if (starts("/>")) { advance_to(i_ + 2); ok = true; self_closing = true; break; }
        const int al = line_, ac = column();
        const std::string_view an = name_view();
        skip_space();
        if (i_ >= t_.size()) break;  // truncated inside the tag
        if (an.empty() || t_[i_] != '=') { error_at(al, ac, nm, "malformed attribute in <" + nm + ">"); return; }
        advance_to(i_ + 1);
        skip_space();
        if (i_ >= t_.size()) break;
        if (t_[i_] != '"' && t_[i_] != '\'') { error_at(al, ac, nm + "." + std::string(an), "attribute value must be quoted"); return; }
        const char q = t_[i_];
        const std::size_t end = t_.find(q, i_ + 1);
        if (end == std::string::npos) { i_ = t_.size(); break; }
        attrs.push_back({an, std::string_view(t_).substr(i_ + 1, end - i_ - 1)});
        advance_to(end + 1);
      }
      if (!ok) { error_at(line, col, nm, "the file ends inside <" + nm + "> (truncated?)"); return; }
      if (open.empty()) {
        if (root_seen) { error_at(line, col, nm, "a second root element after </platform>"); return; }
        if (nm != "platform") { error_at(line, col, nm, "expected the root element <platform>, found <" + nm + ">"); return; }
        root_seen = true;
      }
      element(nm, attrs, line, col);
      if (!self_closing) open.push_back({nm, {line, col}});
    }
    if (errors_.size() >= kMaxErrors) return;
    if (!root_seen) error_at(line_, column(), "", "no <platform> element (empty or not a SimGrid platform file)");
    else if (!open.empty())
      error_at(line_, column(), open.back().first,
               "the file ends with <" + open.back().first + "> (line " + std::to_string(open.back().second.first) +
                   ") still open: truncated?");
    for (const auto& r : refs_) {
      if (errors_.size() >= kMaxErrors) break;
      const bool known = r.link ? links_.count(r.id) > 0 : netpoints_.count(r.id) > 0;
      if (!known)
        error_at(r.line, r.column, r.element + "." + r.attribute,
                 std::string(r.link ? "link " : "host, router or zone ") + quote_value(std::string(r.id)) + " is not defined in this file");
    }
  }

  std::vector<Diagnostic> errors_;

 private:
  static constexpr std::size_t kMaxErrors = 20;

  void element(const std::string& nm, const std::vector<Attr>& attrs, int line, int col) {
    auto get = [&](const char* a) -> const std::string_view* {
      for (const auto& x : attrs)
        if (x.name == a) return &x.value;
      return nullptr;
    };
    auto need = [&](const char* a) -> const std::string_view* {
      const std::string_view* v = get(a);
      if (!v) error_at(line, col, nm + "." + a, "<" + nm + "> needs the attribute " + a);
      return v;
    };
    // Links and netpoints (hosts, routers, zones) are separate name spaces in SimGrid.
    auto define = [&](std::unordered_set<std::string_view>& set, std::string_view id) {
      if (!set.insert(id).second) error_at(line, col, nm + ".id", "id " + quote_value(std::string(id)) + " is defined twice");
    };
    auto number = [&](const char* a, const std::vector<const char*>& units, bool required) {
      const std::string_view* vp = required ? need(a) : get(a);
      if (!vp) return;
      const std::string value(*vp);
      const std::string* v = &value;
      const char* s = v->c_str();
      char* end = nullptr;
      const double x = std::strtod(s, &end);
      bool good = end != s && std::isfinite(x) && x >= 0;
      if (good && *end) {
        good = false;
        for (const char* u : units) good |= std::strcmp(end, u) == 0;
      }
      if (!good) {
        std::string list;
        for (const char* u : units) list += (list.empty() ? "" : ", ") + std::string(u);
        error_at(line, col, nm + "." + a, "expected a non-negative number with a unit (" + list + "), found " + quote_value(*v));
      }
    };
    static const std::vector<const char*> kBandwidth = {"Bps", "kBps", "KBps", "MBps", "GBps", "TBps", "PBps", "bps",
                                                        "kbps", "Kbps", "Mbps", "Gbps", "Tbps", "KiBps", "MiBps", "GiBps", "TiBps"};
    static const std::vector<const char*> kTime = {"s", "ms", "us", "ns", "ps", "m", "h", "d", "w"};
    static const std::vector<const char*> kSpeed = {"f", "kf", "Mf", "Gf", "Tf", "Pf", "Ef", "Zf", "flops", "kflops",
                                                    "Mflops", "Gflops", "Tflops", "Pflops", "Eflops"};
    if (nm == "host") {
      if (const auto* id = need("id")) define(netpoints_, *id);
      number("speed", kSpeed, true);
    } else if (nm == "router") {
      if (const auto* id = need("id")) define(netpoints_, *id);
    } else if (nm == "zone" || nm == "AS") {
      if (const auto* id = need("id")) define(netpoints_, *id);
      if (const auto* r = need("routing")) {
        static const std::set<std::string> kRouting = {"Full", "Floyd", "Dijkstra", "DijkstraCache", "None",
                                                       "Vivaldi", "Cluster", "ClusterTorus", "ClusterFatTree",
                                                       "ClusterDragonfly", "Wifi", "Star"};
        if (!kRouting.count(std::string(*r))) error_at(line, col, nm + ".routing", "unknown routing " + quote_value(std::string(*r)));
      }
    } else if (nm == "link") {
      if (const auto* id = need("id")) define(links_, *id);
      number("bandwidth", kBandwidth, true);
      number("latency", kTime, false);
      if (const auto* p = get("sharing_policy")) {
        static const std::set<std::string> kPolicies = {"SHARED", "SPLITDUPLEX", "FATPIPE", "WIFI"};
        if (!kPolicies.count(std::string(*p)))
          error_at(line, col, nm + ".sharing_policy", "unknown sharing_policy " + quote_value(std::string(*p)));
      }
    } else if (nm == "link_ctn") {
      if (const auto* id = need("id")) refs_.push_back({line, col, nm, "id", *id, true});
      if (const auto* d = get("direction"); d && *d != "UP" && *d != "DOWN" && *d != "NONE")
        error_at(line, col, nm + ".direction", "expected UP, DOWN or NONE, found " + quote_value(std::string(*d)));
    } else if (nm == "route" || nm == "zoneRoute" || nm == "ASroute" || nm == "bypassRoute") {
      for (const char* a : {"src", "dst"})
        if (const auto* v = need(a)) refs_.push_back({line, col, nm, a, *v, false});
      if (nm != "route")
        for (const char* a : {"gw_src", "gw_dst"})
          if (const auto* v = get(a)) refs_.push_back({line, col, nm, a, *v, false});
    } else if (nm == "prop") {
      need("id");
      need("value");
    }
  }

  bool starts(const char* s) const { return t_.compare(i_, std::strlen(s), s) == 0; }
  void skip_past(const char* end, const char* what) {
    const int line = line_, col = column();
    const std::size_t e = t_.find(end, i_);
    if (e == std::string::npos) {
      error_at(line, col, "", std::string("the file ends inside a ") + what + " (truncated?)");
      advance_to(t_.size());
      return;
    }
    advance_to(e + std::strlen(end));
  }
  void skip_space() {
    std::size_t k = i_;
    while (k < t_.size() && std::isspace(static_cast<unsigned char>(t_[k]))) ++k;
    advance_to(k);
  }
  std::string name_token() { return std::string(name_view()); }
  std::string_view name_view() {
    std::size_t k = i_;
    while (k < t_.size() && (std::isalnum(static_cast<unsigned char>(t_[k])) || t_[k] == '_' || t_[k] == '-' ||
                             t_[k] == ':' || t_[k] == '.'))
      ++k;
    const std::string_view out = std::string_view(t_).substr(i_, k - i_);
    advance_to(k);
    return out;
  }
  void advance_to(std::size_t k) {
    for (; i_ < k; ++i_)
      if (t_[i_] == '\n') ++line_, line_start_ = i_ + 1;
  }
  int column() const { return static_cast<int>(i_ - line_start_) + 1; }
  void error(const std::string& key, const std::string& msg) { error_at(line_, column(), key, msg); }
  void error_at(int line, int col, const std::string& key, const std::string& msg) {
    if (errors_.size() < kMaxErrors) errors_.push_back({SourceLocation{name_, line, col}, key, msg});
  }

  const std::string& t_;
  const std::string& name_;
  std::size_t i_ = 0, line_start_ = 0;
  int line_ = 1;
  std::unordered_set<std::string_view> links_, netpoints_;
  std::vector<Reference> refs_;
};

}  // namespace

void validate_platform_xml_text(const std::string& text, const std::string& name) {
  Checker c(text, name);
  c.run();
  if (!c.errors_.empty()) throw InputError(std::move(c.errors_));
}

void validate_platform_xml(const std::string& xml_path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(xml_path, ec))
    throw InputError(SourceLocation{xml_path, 0, 0}, "", "is a directory, expected a SimGrid platform XML file");
  if (!fs::is_regular_file(xml_path, ec)) throw InputError(SourceLocation{xml_path, 0, 0}, "", "cannot open the platform file: not found");
  const auto size = fs::file_size(xml_path, ec);
  const auto mtime = fs::last_write_time(xml_path, ec).time_since_epoch().count();
  std::ostringstream key;
  key << fs::absolute(xml_path, ec).string() << '\n' << size << '\n' << mtime;
  static std::mutex mu;
  static std::set<std::string> checked;
  {
    std::lock_guard<std::mutex> lock(mu);
    if (checked.count(key.str())) return;
  }
  std::ifstream in(xml_path, std::ios::binary);
  if (!in) throw InputError(SourceLocation{xml_path, 0, 0}, "", "cannot open the platform file");
  std::ostringstream all;
  all << in.rdbuf();
  validate_platform_xml_text(all.str(), xml_path);
  std::lock_guard<std::mutex> lock(mu);
  checked.insert(key.str());
}

}  // namespace ascendsim
