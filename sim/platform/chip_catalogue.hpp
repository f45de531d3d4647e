// The chip catalogue (platforms/chips.toml, kind = "chips"): every accelerator type with its dense
// peak rates per precision, HBM and per-direction interconnect bandwidth, plus the global
// achievable-efficiency factors. Numbers are cited in the TOML file (REFERENCE.md section 2).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "sim/config/toml_reader.hpp"
#include "sim/platform/chip.hpp"

namespace ascendsim {

// Default catalogue path, relative to the repository root.
inline constexpr const char* kDefaultChipCatalogue = "platforms/chips.toml";

// Fractions of peak reached in practice, shared by every chip and model (calibrated once).
struct Efficiency {
  Param matmul = 1.0;   // dense matmul FLOP/s / peak
  Param attention = 1.0;  // attention-core (flash-style) FLOP/s / peak; absent in the file: = matmul
  Param hbm = 1.0;      // streaming bytes/s / HBM peak
  Param network = 1.0;  // bulk transfer bytes/s / link rate
  // Serving (sim/serving, docs/serving.md): decode/prefill kernels and EP dispatch/combine.
  Param serving_matmul = 1.0, serving_attention = 1.0, serving_hbm = 1.0;
  Param serving_dispatch = 1.0, serving_combine = 1.0, serving_step = 1.0;
};

struct ChipCatalogue {
  std::string path;                  // file it was loaded from
  std::map<std::string, Chip> chips; // by catalogue name
  std::map<std::string, std::string> chip_file;  // chips added from another file (a platform spec)
  Efficiency efficiency;
  // Throws InputError located at the catalogue file, listing the known names.
  const Chip& find(const std::string& name) const;
  std::vector<std::string> names() const;  // sorted
};

// Loads and validates the catalogue; overrides are `--set` values whose key path starts "chips."
// is NOT stripped: override keys address the file itself ("chips.ascend-910c.dies=2").
ChipCatalogue load_chip_catalogue(const std::string& path = kDefaultChipCatalogue,
                                  std::vector<Override>* overrides = nullptr);

// One [chips.NAME] entry (the catalogue's format), for files that carry their own chips.
Chip read_chip_entry(const Section& table, const std::string& name);

// A platform spec may carry its own [chips.NAME] entries (same format as platforms/chips.toml), so
// a new chip with its own supernode platform is one new file. Adds them to `catalogue` (overrides
// as for load_platform_spec, e.g. "chips.x.dies=2"; they are applied to a copy and marked used by
// load_platform_spec). A name already in the catalogue from another file is an error at the key.
// Entries with problems are skipped here: load_platform_spec reports them, located.
void add_spec_chips(ChipCatalogue& catalogue, const std::string& spec_path,
                    const std::vector<Override>* overrides = nullptr);

}  // namespace ascendsim
