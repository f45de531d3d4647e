// `--set key.path=value` on a TOML tree, and the names inputs go by. Arrays of named tables
// (calendar phases and milestones, post-training stages, blackouts) are addressed by the element's
// name, never by its index: `calendar.milestones.work-start.not_before`. The index form is a
// located error that gives the name. Uncertain inputs (Param) carry the same named path, turned
// into the scenario's canonical path by the ParamNamer in effect while a file is loaded.
#pragma once
#include <functional>
#include <string>
#include <toml++/toml.h>
#include <vector>

#include "sim/config/toml_reader.hpp"


namespace ascendsim {

// Applies one override (path relative to `root`) to the tree. Returns the node that now holds the
// value (for locating later problems at the --set argument), or nullptr with *why set. Tables the
// path had to create are added to *created.
const toml::node* apply_override(toml::table& root, const std::string& path, const Override& o, std::string* why,
                                 std::vector<const toml::node*>* created = nullptr);

// "calendar.milestones.1.not_before" -> "calendar.milestones.work-start.not_before" when element 1
// is a table with a name (indices of unnamed elements stay).
std::string named_path(const toml::table& root, const std::string& path);

// Where an --set argument is reported: "--set key=value" as the user typed it.
SourceLocation override_location(const Override& o);

// Turns a loaded file's own key path into the canonical one (file = the path given to
// TomlDocument::load, prefix = its override prefix). The default keeps the path.
using ParamNamer = std::function<std::string(const std::string& file, const std::string& prefix, const std::string& path)>;
// While alive, every TomlDocument loaded on this thread names its Params with `namer`.
class ScopedParamNamer {
 public:
  explicit ScopedParamNamer(ParamNamer namer);
  ~ScopedParamNamer();
  ScopedParamNamer(const ScopedParamNamer&) = delete;
  ScopedParamNamer& operator=(const ScopedParamNamer&) = delete;

 private:
  ParamNamer previous_;
};
std::string name_param(const std::string& file, const std::string& prefix, const std::string& path);

// Levenshtein distance, and the closest candidates (at most 3, distance <= max(2, |word|/4)).
std::size_t edit_distance(const std::string& a, const std::string& b);
std::vector<std::string> closest(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace ascendsim
