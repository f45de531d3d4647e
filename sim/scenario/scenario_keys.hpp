// Every settable input of a scenario under its canonical path (sim/scenario/key_paths.hpp), with
// the value in effect after the scenario's own `set` and the command line's --set, its unit, its
// source or assumption (the nearest `KEY_source`/`KEY_assumption`, or the enclosing table's or
// file's `source`/`assumption`), and whether it is uncertain (a distribution). `ascendsim keys`
// prints it, and "did you mean" suggestions are drawn from it.
#pragma once
#include <string>
#include <vector>

#include "sim/config/toml_reader.hpp"

namespace ascendsim {

struct ScenarioKey {
  std::string path;        // canonical
  std::string value;       // TOML text ("\"20%\"", "2025-12-01", "{ dist = \"uniform\", ... }")
  std::string unit;        // "%", "d", "date", "Gbps", "" when the value is a plain number or a name
  std::string provenance;  // "source: ..." / "assumption: ..." / "" when the file cites nothing
  bool assumption = false;
  bool uncertain = false;
  std::string file;        // the file that holds it
};

// Lists the keys of the scenario at `path` and of every file it names. Does not validate (load the
// scenario first for located errors); a referenced file that cannot be read is skipped.
std::vector<ScenarioKey> list_scenario_keys(const std::string& path, const std::vector<Override>& overrides = {});

// Adds "(did you mean X?)" to diagnostics about unknown --set keys, from the scenario's key list.
InputError with_suggestions(const InputError& e, const std::string& scenario_path);

}  // namespace ascendsim
