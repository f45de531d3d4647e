// --set on a TOML tree, named paths for arrays of tables, the Param namer, "did you mean".
#include "sim/config/overrides.hpp"

#include <algorithm>
#include <sstream>

namespace ascendsim {

namespace {

bool is_index(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::string p;
  std::istringstream is(path);
  while (std::getline(is, p, '.')) parts.push_back(p);
  return parts;
}

std::string join(const std::vector<std::string>& parts, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n && i < parts.size(); ++i) out += (i ? "." : "") + parts[i];
  return out;
}

// The name of an array element usable in a path ("" when it has none).
std::string element_name(const toml::node* e) {
  const toml::table* t = e ? e->as_table() : nullptr;
  if (!t) return {};
  const toml::node* n = t->get("name");
  if (!n || !n->is_string()) return {};
  const std::string name = n->as_string()->get();
  if (name.empty() || name.find('.') != std::string::npos || is_index(name)) return {};
  return name;
}

// The element of array `a` named `name`, or nullptr.
toml::node* find_named(toml::array& a, const std::string& name, std::size_t* index) {
  for (std::size_t i = 0; i < a.size(); ++i)
    if (element_name(a.get(i)) == name) {
      *index = i;
      return a.get(i);
    }
  return nullptr;
}

std::string names_of(const toml::array& a) {
  std::string out;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string n = element_name(a.get(i));
    if (!n.empty()) out += (out.empty() ? "" : ", ") + n;
  }
  return out;
}

thread_local ParamNamer current_namer;

}  // namespace

Override parse_override(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    throw InputError(SourceLocation{"--set " + text, 0, 0}, "", "expected key.path=value");
  Override o;
  o.key_path = text.substr(0, eq);
  o.value_text = text.substr(eq + 1);
  while (!o.key_path.empty() && o.key_path.back() == ' ') o.key_path.pop_back();
  while (!o.value_text.empty() && o.value_text.front() == ' ') o.value_text.erase(0, 1);
  o.origin = "--set " + o.key_path + "=" + o.value_text;
  o.user_path = o.key_path;
  return o;
}

SourceLocation override_location(const Override& o) {
  return SourceLocation{o.origin.empty() ? "--set " + o.key_path + "=" + o.value_text : o.origin, 0, 0};
}

std::vector<Override> take_overrides(std::vector<Override>* all, const std::string& prefix, bool strip) {
  std::vector<Override> out;
  if (!all) return out;
  for (auto& o : *all)
    if (o.key_path.rfind(prefix + ".", 0) == 0) {
      Override c = o;
      if (strip) c.key_path = o.key_path.substr(prefix.size() + 1);
      c.used = false;
      out.push_back(c);
      o.used = true;
    }
  return out;
}

void check_overrides_used(const std::vector<Override>& overrides) {
  std::vector<Diagnostic> ds;
  for (const auto& o : overrides)
    if (!o.used) ds.push_back({override_location(o), "", "unknown key '" + o.user_path + "': no input file has it"});
  if (!ds.empty()) throw InputError(std::move(ds));
}

const toml::node* apply_override(toml::table& root, const std::string& path, const Override& o, std::string* why,
                                 std::vector<const toml::node*>* created) {
  const std::vector<std::string> parts = split_path(path);
  if (parts.empty() || std::any_of(parts.begin(), parts.end(), [](const std::string& p) { return p.empty(); })) {
    *why = "expected a dotted key path (a.b.c)";
    return nullptr;
  }
  // Walks one step into an array: by element name; an index is the old form.
  auto into_array = [&](toml::array& a, std::size_t i, toml::node** next, std::size_t* idx) {
    const std::string& p = parts[i];
    if (is_index(p)) {
      const std::size_t k = std::stoul(p);
      const std::string name = k < a.size() ? element_name(a.get(k)) : std::string();
      if (!name.empty()) {
        std::vector<std::string> fixed = parts;
        fixed[i] = name;
        *why = "array elements are addressed by name now: use '" + join(fixed, fixed.size()) + "'";
        return false;
      }
      if (k >= a.size()) { *why = "index " + p + " is past the end of the array"; return false; }
      *idx = k;
      *next = a.get(k);
      return true;
    }
    *next = find_named(a, p, idx);
    if (!*next) {
      *why = "no element named '" + p + "' in " + join(parts, i) + " (has: " + names_of(a) + ")";
      return false;
    }
    return true;
  };
  toml::node* container = &root;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    const std::string& p = parts[i];
    if (auto* t = container->as_table()) {
      toml::node* next = t->get(p);
      if (!next) {
        t->insert_or_assign(p, toml::table{});
        next = t->get(p);
        if (created) created->push_back(next);
      }
      container = next;
    } else if (auto* a = container->as_array()) {
      toml::node* next = nullptr;
      std::size_t idx = 0;
      if (!into_array(*a, i, &next, &idx)) return nullptr;
      container = next;
    } else {
      *why = "'" + join(parts, i) + "' is a value, not a table";
      return nullptr;
    }
  }
  toml::table parsed;
  try {
    parsed = toml::parse("v = " + o.value_text, o.origin);
  } catch (const toml::parse_error&) {
    // A bare word ("base") is taken as a string.
    parsed = toml::table{};
    parsed.insert("v", o.value_text);
  }
  toml::node* value = parsed.get("v");
  const std::string& last = parts.back();
  if (auto* t = container->as_table()) {
    t->insert_or_assign(last, std::move(*value));
    return t->get(last);
  }
  if (auto* a = container->as_array()) {
    toml::node* next = nullptr;
    std::size_t idx = 0;
    if (!into_array(*a, parts.size() - 1, &next, &idx)) return nullptr;
    a->replace(a->begin() + static_cast<long>(idx), std::move(*value));
    return a->get(idx);
  }
  *why = "'" + join(parts, parts.size() - 1) + "' is a value, not a table";
  return nullptr;
}

std::string named_path(const toml::table& root, const std::string& path) {
  std::vector<std::string> parts = split_path(path);
  const toml::node* cur = &root;
  for (auto& p : parts) {
    if (!cur) break;
    if (const toml::table* t = cur->as_table()) {
      cur = t->get(p);
    } else if (const toml::array* a = cur->as_array(); a && is_index(p)) {
      const std::size_t k = std::stoul(p);
      cur = k < a->size() ? a->get(k) : nullptr;
      const std::string name = element_name(cur);
      if (!name.empty()) p = name;
    } else {
      break;
    }
  }
  return join(parts, parts.size());
}

ScopedParamNamer::ScopedParamNamer(ParamNamer namer) : previous_(std::move(current_namer)) {
  current_namer = std::move(namer);
}
ScopedParamNamer::~ScopedParamNamer() { current_namer = std::move(previous_); }

std::string name_param(const std::string& file, const std::string& prefix, const std::string& path) {
  return current_namer ? current_namer(file, prefix, path) : path;
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::vector<std::string> closest(const std::string& word, const std::vector<std::string>& candidates) {
  const std::size_t limit = std::max<std::size_t>(2, word.size() / 4);
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d <= limit && c != word) scored.emplace_back(d, c);
  }
  std::sort(scored.begin(), scored.end());
  scored.erase(std::unique(scored.begin(), scored.end()), scored.end());
  std::vector<std::string> out;
  for (const auto& [d, c] : scored) {
    if (out.size() == 3 || d > scored.front().first + 1) break;
    out.push_back(c);
  }
  return out;
}

}  // namespace ascendsim
