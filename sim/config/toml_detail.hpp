// Internals shared by the TOML loader's files (toml_reader.cpp, toml_distribution.cpp;
// the --set overrides are in overrides.cpp): the parsed document's state and small helpers on TOML++ nodes.
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>
#include <toml++/toml.h>

#include "sim/config/toml_reader.hpp"

namespace ascendsim {

struct DocState {
  toml::table root;
  std::string file;
  std::vector<Diagnostic> errors;
  std::map<const toml::table*, std::set<std::string>> read_keys;
  std::vector<std::pair<const toml::table*, std::string>> opened;  // tables handed out as Sections
  std::string prefix;  // the override prefix the file was loaded with (for naming Params)
  std::map<const toml::node*, Override> set_nodes;  // nodes written by --set (errors go to the argument)
};

namespace toml_detail {

inline const toml::table* as_tbl(const void* p) { return static_cast<const toml::table*>(p); }
inline const toml::node* as_node(const void* p) { return static_cast<const toml::node*>(p); }
SourceLocation loc_of(const toml::source_region& r, const std::string& fallback_file);
// A value as the user wrote it, for messages; strings are quoted and cut (quote_value).
std::string describe(const toml::node& n);

}  // namespace toml_detail
}  // namespace ascendsim
