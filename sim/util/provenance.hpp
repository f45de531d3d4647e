// Provenance: what an output was computed from. Every machine-readable output (report.json,
// sweep.json, check --json) carries one `provenance` block with the version, the command line,
// the overrides, the thread count, every input file read with its content hash, and the cache
// facts. Nothing outside that block may depend on the cache, the machine or the command line, so
// the determinism and golden tests drop exactly the key "provenance" and compare the rest.
//
// The command line is recorded once by main(); input files are noted by the one TOML loader as it
// opens them (thread-safe), so the list is whatever the command actually read.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace ascendsim {

void record_command_line(int argc, const char* const* argv);
const std::vector<std::string>& recorded_command_line();

void note_input_file(const std::string& path);  // normalised; duplicates ignored
std::vector<std::string> input_files_read();     // sorted

struct CacheFacts {
  bool enabled = false;          // a step cache directory is in use (ASCENDSIM_CACHE_DIR != off)
  bool read = false;             // the command was allowed to read it (no --no-cache)
  std::string directory;         // "" when disabled
  long steps_from_cache = -1;    // step results read back from the cache (-1: not counted)
  long steps_simulated = -1;     // step results simulated by this command (-1: not counted)
};
// The step cache's location and state, with the counts left unset.
CacheFacts step_cache_facts(bool use_cache);

struct ProvenanceFacts {
  std::vector<std::pair<std::string, std::string>> overrides;  // --set key=value, in order given
  nlohmann::json options = nlohmann::json::object();  // other input-changing options
  unsigned threads = 1;
  CacheFacts cache;
};

// The block itself: {"ascendsim_version", "command_line", "overrides", "options", "threads",
// "input_files": [{"path", "fnv1a64"}], "cache": {...}} (docs/schema.md).
nlohmann::json provenance_json(const ProvenanceFacts& f);

// The block as (label, value) rows for the HTML report.
std::vector<std::pair<std::string, std::string>> provenance_rows(const nlohmann::json& provenance);

// The schema version every machine-readable output carries as "schema_version" (docs/schema.md).
constexpr int kSchemaVersion = 1;

}  // namespace ascendsim
