#include "sim/check/golden.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sim/config/toml_reader.hpp"
#include "sim/util/date.hpp"

namespace ascendsim {

namespace {

std::string fmt_number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string json_text(const nlohmann::json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_number()) return fmt_number(j.get<double>());
  return j.dump();
}

// A value as a number for comparison: numbers as they are, ISO dates as days, bools as 0/1.
std::optional<double> as_number(const std::string& text, bool* is_date) {
  *is_date = false;
  if (auto d = parse_iso_date(text)) { *is_date = true; return static_cast<double>(*d); }
  if (text == "true") return 1.0;
  if (text == "false") return 0.0;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end && *end == '\0' && end != text.c_str()) return v;
  return std::nullopt;
}

}  // namespace

std::optional<nlohmann::json> json_at(const nlohmann::json& report, const std::string& path) {
  const nlohmann::json* cur = &report;
  std::size_t i = 0;
  while (i < path.size()) {
    std::size_t end = path.find_first_of(".[", i);
    std::string part = path.substr(i, end == std::string::npos ? std::string::npos : end - i);
    if (!part.empty()) {
      if (cur->is_object()) {
        auto it = cur->find(part);
        if (it == cur->end()) return std::nullopt;
        cur = &*it;
      } else if (cur->is_array() && std::all_of(part.begin(), part.end(), ::isdigit)) {
        const std::size_t idx = std::stoul(part);
        if (idx >= cur->size()) return std::nullopt;
        cur = &(*cur)[idx];
      } else {
        return std::nullopt;
      }
    }
    if (end == std::string::npos) break;
    if (path[end] == '[') {
      const std::size_t close = path.find(']', end);
      if (close == std::string::npos || !cur->is_array()) return std::nullopt;
      const std::string name = path.substr(end + 1, close - end - 1);
      const nlohmann::json* found = nullptr;
      for (const auto& e : *cur)
        if (e.is_object() && e.contains("name") && e["name"] == name) { found = &e; break; }
      if (!found) return std::nullopt;
      cur = found;
      i = close + 1;
      if (i < path.size() && path[i] == '.') ++i;
    } else {
      i = end + 1;
    }
  }
  return *cur;
}

GoldenFile load_golden(const std::string& path) {
  TomlDocument doc = TomlDocument::load(path);
  Section root = doc.root();
  GoldenFile g;
  g.path = path;
  root.choice("kind", {"golden"});
  g.scenario_path = root.path_ref("scenario", "scenario");
  for (const Section& f : root.tables("field")) {
    GoldenField gf;
    gf.path = f.string("path");
    if (gf.path == "provenance" || gf.path.rfind("provenance.", 0) == 0 || gf.path.rfind("provenance[", 0) == 0)
      f.error("path", "\"" + gf.path + "\" is in the provenance block (version, command line, cache), which depends on the "
                      "machine, not on the inputs: goldens check everything but it");
    gf.tolerance = f.number_or("tolerance", 0.0, 0.0, 1e300);
    gf.expected_text = f.string_or("expected_text", "");
    if (f.has("expected")) gf.expected_text = fmt_number(f.number("expected", -1e300, 1e300));
    if (f.has("expected_date")) gf.expected_text = format_date(f.date("expected_date"));
    if (f.has("expected_bool")) gf.expected_text = f.boolean_or("expected_bool", false) ? "true" : "false";
    if (!f.has("expected") && !f.has("expected_date") && !f.has("expected_bool") && !f.has("expected_text"))
      f.error("", "needs one of expected (number), expected_date, expected_bool or expected_text");
    g.fields.push_back(gf);
  }
  if (g.fields.empty())
    root.error(root.has("field") ? "field" : "",
               "a golden file must check at least one [[field]] (path, expected, tolerance); this one checks nothing");
  std::size_t index = 0;
  for (const Section& p : root.tables("published")) {
    PublishedValue pv;
    pv.path = p.string("path");
    if (pv.path == "provenance" || pv.path.rfind("provenance.", 0) == 0)
      p.error("path", "\"" + pv.path + "\" is in the provenance block, which no published outcome describes");
    pv.where = p.location("path");
    pv.key_path = "published." + std::to_string(index++) + ".path";
    if (p.has("value_date")) pv.value_text = format_date(p.date("value_date"));
    else pv.value_text = fmt_number(p.number("value", -1e300, 1e300));
    pv.source = p.string("source");
    g.published.push_back(pv);
  }
  doc.finish();
  return g;
}

std::vector<CheckRow> compare_with_golden(const GoldenFile& golden, const nlohmann::json& report) {
  std::vector<CheckRow> rows;
  for (const auto& f : golden.fields) {
    CheckRow r;
    r.field = f.path;
    r.expected = f.expected_text;
    r.tolerance = fmt_number(f.tolerance);
    const auto got = json_at(report, f.path);
    if (!got) {
      r.got = "(missing)";
      rows.push_back(r);
      continue;
    }
    r.got = json_text(*got);
    r.got_json = got->dump();
    bool de = false, dg = false;
    const auto e = as_number(r.expected, &de);
    auto g = as_number(r.got, &dg);
    if (g && !dg && got->is_number()) g = got->get<double>();  // full precision, not the 6-digit text
    if (e && g && de == dg) {
      const double diff = *g - *e;
      r.difference = (diff >= 0 ? "+" : "") + fmt_number(diff) + (de ? " d" : "");
      r.tolerance += de ? " d" : "";
      r.ok = std::fabs(diff) <= f.tolerance * (1 + 1e-12) + 1e-12;
    } else {
      r.ok = r.got == r.expected;
    }
    rows.push_back(r);
  }
  return rows;
}

std::vector<CalibrationRow> compare_with_published(const GoldenFile& golden, const nlohmann::json& report) {
  std::vector<CalibrationRow> rows;
  for (const auto& p : golden.published) {
    CalibrationRow r;
    r.field = p.path;
    r.published = p.value_text;
    r.source = p.source;
    const auto got = json_at(report, p.path);
    if (!got)
      throw InputError(p.where, p.key_path,
                       quote_value(p.path) + " names nothing in the report of " + golden.scenario_path +
                           " (a published value must be compared with a simulated one)");
    r.simulated = json_text(*got);
    r.simulated_json = got->dump();
    bool dp = false, ds = false;
    const auto a = as_number(r.published, &dp);
    const auto b = as_number(r.simulated, &ds);
    if (a && b && dp && ds) r.error = fmt_number(*b - *a) + " d";
    else if (a && b && *a != 0) r.error = fmt_number(100.0 * (*b - *a) / std::fabs(*a)) + "%";
    rows.push_back(r);
  }
  return rows;
}

std::string updated_golden_text(const GoldenFile& golden, const nlohmann::json& report) {
  std::ostringstream os;
  os << "# Golden output of " << std::filesystem::path(golden.scenario_path).filename().string()
     << ", written by `ascendsim check --update` and reviewed by a person.\n"
     << "# Each field: the value the simulator produced, and how far a later run may drift from it.\n"
     << "kind = \"golden\"\n"
     << "scenario = \"" << std::filesystem::relative(golden.scenario_path, std::filesystem::path(golden.path).parent_path()).string()
     << "\"\n";
  for (const auto& f : golden.fields) {
    os << "\n[[field]]\npath = \"" << f.path << "\"\n";
    const auto got = json_at(report, f.path);
    const std::string text = got ? json_text(*got) : f.expected_text;
    bool is_date = false;
    const auto num = as_number(text, &is_date);
    if (is_date) os << "expected_date = " << text << "\n";
    else if (text == "true" || text == "false") os << "expected_bool = " << text << "\n";
    else if (num) os << "expected = " << text << "\n";
    else os << "expected_text = " << nlohmann::json(text).dump() << "\n";
    os << "tolerance = " << fmt_number(f.tolerance) << "\n";
  }
  for (const auto& p : golden.published) {
    os << "\n[[published]]\npath = \"" << p.path << "\"\n";
    bool is_date = false;
    as_number(p.value_text, &is_date);
    os << (is_date ? "value_date = " : "value = ") << p.value_text << "\n";
    os << "source = " << nlohmann::json(p.source).dump() << "\n";
  }
  return os.str();
}

namespace {

nlohmann::json typed(const std::string& text) {
  if (text == "(missing)") return nullptr;
  bool is_date = false;
  const auto v = as_number(text, &is_date);
  if (is_date) return text;
  if (text == "true") return true;
  if (text == "false") return false;
  if (v) return *v;
  return text;
}

nlohmann::json leading_number(const std::string& text) {
  if (text.empty()) return nullptr;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  return end == text.c_str() ? nlohmann::json(nullptr) : nlohmann::json(v);
}

}  // namespace

nlohmann::json check_fields_json(const std::vector<CheckRow>& rows) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : rows) {
    bool de = false;
    as_number(r.expected, &de);
    out.push_back({{"field", r.field}, {"expected", typed(r.expected)}, {"got", r.got_json.empty() ? typed(r.got) : nlohmann::json::parse(r.got_json)},
                   {"is_date", de}, {"difference", leading_number(r.difference)},
                   {"tolerance", leading_number(r.tolerance)}, {"ok", r.ok}});
  }
  return out;
}

nlohmann::json check_published_json(const std::vector<CalibrationRow>& rows) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : rows) {
    nlohmann::json e{{"field", c.field}, {"published", typed(c.published)}, {"simulated", c.simulated_json.empty() ? typed(c.simulated) : nlohmann::json::parse(c.simulated_json)},
                     {"source", c.source}, {"error_percent", nullptr}, {"error_days", nullptr}};
    if (c.error.size() > 2 && c.error.substr(c.error.size() - 2) == " d") e["error_days"] = leading_number(c.error);
    else if (!c.error.empty() && c.error.back() == '%') e["error_percent"] = leading_number(c.error);
    out.push_back(e);
  }
  return out;
}

}  // namespace ascendsim
