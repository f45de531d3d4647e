// --set overrides: parsing "key.path=value", routing them to the file they address by prefix,
// applying them to a parsed document, and reporting the ones that reached no file.
#include <algorithm>
#include <sstream>

#include "sim/config/toml_detail.hpp"

namespace ascendsim {

namespace {

bool is_index(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

namespace toml_detail {

// Applies one override to the table; returns false when the path cannot be reached.
bool apply_override(toml::table& root, const std::string& path, const Override& o, std::string* why) {
  toml::node_view<toml::node> cur{root};
  std::vector<std::string> parts;
  {
    std::string p;
    std::istringstream is(path);
    while (std::getline(is, p, '.')) parts.push_back(p);
  }
  if (parts.empty()) { *why = "empty key path"; return false; }
  toml::node* container = &root;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    const std::string& p = parts[i];
    if (auto* t = container->as_table()) {
      toml::node* next = t->get(p);
      if (!next) {
        t->insert_or_assign(p, toml::table{});
        next = t->get(p);
      }
      container = next;
    } else if (auto* a = container->as_array(); a && is_index(p)) {
      const std::size_t idx = std::stoul(p);
      if (idx >= a->size()) { *why = "index " + p + " is past the end of the array"; return false; }
      container = a->get(idx);
    } else {
      *why = quote_value(p) + " is not inside a table";
      return false;
    }
  }
  toml::table parsed;
  const std::string origin = "--set " + o.key_path + "=" + o.value_text;
  try {
    parsed = toml::parse("v = " + o.value_text, origin);
  } catch (const toml::parse_error&) {
    // A bare word ("base") is taken as a string.
    parsed = toml::table{};
    parsed.insert("v", o.value_text);
  }
  toml::node* value = parsed.get("v");
  const std::string& last = parts.back();
  if (auto* t = container->as_table()) {
    t->insert_or_assign(last, std::move(*value));
  } else if (auto* a = container->as_array(); a && is_index(last)) {
    const std::size_t idx = std::stoul(last);
    if (idx >= a->size()) { *why = "index " + last + " is past the end of the array"; return false; }
    a->replace(a->begin() + static_cast<long>(idx), std::move(*value));
  } else {
    *why = quote_value(last) + " is not inside a table";
    return false;
  }
  return true;
}

}  // namespace toml_detail

Override parse_override(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    throw InputError(SourceLocation{"--set " + text, 0, 0}, "", "expected key.path=value");
  Override o;
  o.key_path = text.substr(0, eq);
  o.value_text = text.substr(eq + 1);
  while (!o.key_path.empty() && o.key_path.back() == ' ') o.key_path.pop_back();
  while (!o.value_text.empty() && o.value_text.front() == ' ') o.value_text.erase(0, 1);
  return o;
}

std::vector<Override> take_overrides(std::vector<Override>* all, const std::string& prefix, bool strip) {
  std::vector<Override> out;
  if (!all) return out;
  for (auto& o : *all)
    if (o.key_path.rfind(prefix + ".", 0) == 0) {
      out.push_back(Override{strip ? o.key_path.substr(prefix.size() + 1) : o.key_path, o.value_text, false});
      o.used = true;
    }
  return out;
}

void check_overrides_used(const std::vector<Override>& overrides) {
  std::vector<Diagnostic> ds;
  for (const auto& o : overrides)
    if (!o.used)
      ds.push_back({SourceLocation{"--set " + o.key_path + "=" + o.value_text, 0, 0}, o.key_path,
                    "no input file has this key path"});
  if (!ds.empty()) throw InputError(std::move(ds));
}

}  // namespace ascendsim
