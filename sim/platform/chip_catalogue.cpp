// Loader for platforms/chips.toml: values pass through Section's typed getters, so a negative
// bandwidth, a missing unit, an unknown precision or an unknown key gives a located InputError.
#include "sim/platform/chip_catalogue.hpp"

#include <algorithm>

namespace ascendsim {

const Chip& ChipCatalogue::find(const std::string& name) const {
  auto it = chips.find(name);
  if (it != chips.end()) return it->second;
  std::string known;
  for (const auto& n : names()) known += (known.empty() ? "" : ", ") + n;
  throw InputError(SourceLocation{path.empty() ? kDefaultChipCatalogue : path, 0, 0}, "chips." + name,
                   "unknown chip \"" + name + "\"; known chips: " + known);
}

std::vector<std::string> ChipCatalogue::names() const {
  std::vector<std::string> out;
  for (const auto& [n, c] : chips) out.push_back(n);
  return out;
}

Chip read_chip_entry(const Section& s, const std::string& name) {
  Chip c;
  c.name = name;
  c.display_name = s.string_or("display_name", name);
  c.available_day = s.date("available");
  c.dies = static_cast<int>(s.integer_or("dies", 1, 1, 64));
  c.ascend_wafer_equivalent = s.number_or("ascend_wafer_equivalent", 1.0, 1e-6, 1e6);
  c.hbm_capacity_B = s.param("hbm_capacity", Dimension::DataSize, 1);
  c.hbm_bandwidth_Bps = s.param("hbm_bandwidth", Dimension::Bandwidth, 1);
  c.scaleup_bandwidth_Bps = s.param("scaleup_bandwidth", Dimension::Bandwidth, 1);
  c.scaleout_bandwidth_Bps = s.param("scaleout_bandwidth", Dimension::Bandwidth, 1);
  // Matrix-core structure (GEMM tile and wave quantization): required for every chip since issue 14.
  bool gemm_ok = true;
  for (const char* k : {"gemm_cores", "gemm_tile_m", "gemm_tile_n", "gemm_min_tile_m"})
    if (!s.has(k)) {
      gemm_ok = false;
      s.error(k, std::string("missing: every chip now gives its matrix-core structure (gemm_cores, gemm_tile_m, "
                             "gemm_tile_n, gemm_min_tile_m) for GEMM tile and wave quantization; see docs/step.md"));
    }
  if (gemm_ok) {
    c.gemm.cores = static_cast<int>(s.integer("gemm_cores", 1, 100000));
    c.gemm.tile_m = static_cast<int>(s.integer("gemm_tile_m", 1, 4096));
    c.gemm.tile_n = static_cast<int>(s.integer("gemm_tile_n", 1, 4096));
    c.gemm.min_tile_m = static_cast<int>(s.integer("gemm_min_tile_m", 1, 4096));
    if (c.gemm.min_tile_m > c.gemm.tile_m)
      s.error("gemm_min_tile_m", "gemm_min_tile_m (" + std::to_string(c.gemm.min_tile_m) + ") exceeds gemm_tile_m (" +
                                     std::to_string(c.gemm.tile_m) + ")");
  }
  // Power (W, plain numbers whose key says the unit): both or neither; the catalogue's own chips give
  // both (tests/unit/test_chip_power.cpp).
  const bool has_chip_power = s.has("chip_power_W"), has_host_power = s.has("host_power_per_chip_W");
  if (has_chip_power) c.chip_power_W = s.number("chip_power_W", 1, 1e5);
  if (has_host_power) c.host_power_per_chip_W = s.number("host_power_per_chip_W", 0, 1e5);
  if (has_chip_power != has_host_power)
    s.error(has_chip_power ? "host_power_per_chip_W" : "chip_power_W",
            std::string("missing: chip_power_W and host_power_per_chip_W come together (the package's power, and its "
                        "share of the server and rack: CPUs, switches, optics), in watts; see docs/serving.md \"Cost per token\""));
  const Section peak = s.table("peak");
  for (const auto& key : peak.keys()) {
    if (key == "source" || key == "assumption" || key == "note" || key.find("_source") != std::string::npos ||
        key.find("_assumption") != std::string::npos)
      continue;
    auto p = parse_precision(key);
    if (!p) {
      peak.error(key, "unknown precision \"" + key + "\"; expected one of BF16, FP16, FP8, MXFP8, HiF8, FP4, MXFP4, INT8");
      continue;
    }
    c.peak_flops[*p] = peak.param(key, Dimension::FlopRate, 1);
  }
  if (!c.supports(Precision::BF16) && !peak.failed()) peak.error("", "every chip needs a BF16 peak (host speed)");
  return c;
}

ChipCatalogue load_chip_catalogue(const std::string& path, std::vector<Override>* overrides) {
  TomlDocument doc = TomlDocument::load(path, overrides);
  Section root = doc.root();
  ChipCatalogue cat;
  cat.path = path;
  root.choice("kind", {"chips"});
  if (auto eff = root.table_opt("efficiency")) {
    cat.efficiency.matmul = eff->param("matmul", Dimension::Fraction, 1e-6, 1);
    cat.efficiency.attention =
        eff->param_or("attention", Dimension::Fraction, cat.efficiency.matmul.nominal, 1e-6, 1);
    cat.efficiency.hbm = eff->param("hbm", Dimension::Fraction, 1e-6, 1);
    cat.efficiency.network = eff->param("network", Dimension::Fraction, 1e-6, 1);
    // Serving kernels (docs/serving.md); absent in a catalogue = 1 (no derating).
    cat.efficiency.serving_matmul = eff->param_or("serving_matmul", Dimension::Fraction, 1, 1e-6, 1);
    cat.efficiency.serving_attention = eff->param_or("serving_attention", Dimension::Fraction, 1, 1e-6, 1);
    cat.efficiency.serving_hbm = eff->param_or("serving_hbm", Dimension::Fraction, 1, 1e-6, 1);
    cat.efficiency.serving_dispatch = eff->param_or("serving_dispatch", Dimension::Fraction, 1, 1e-6, 1);
    cat.efficiency.serving_combine = eff->param_or("serving_combine", Dimension::Fraction, 1, 1e-6, 1);
    cat.efficiency.serving_step = eff->param_or("serving_step", Dimension::Fraction, 1, 1e-6, 1);
  } else {
    root.error("efficiency", "missing table [efficiency] (matmul, hbm, network)");
  }
  const Section chips = root.table("chips");
  for (const auto& name : chips.keys()) {
    if (name == "source" || name == "assumption" || name == "note") continue;
    cat.chips[name] = read_chip_entry(chips.table(name), name);
  }
  if (cat.chips.empty() && !root.failed()) root.error("chips", "no chips defined");
  doc.finish();
  return cat;
}

void add_spec_chips(ChipCatalogue& cat, const std::string& spec_path, const std::vector<Override>* overrides) {
  std::vector<Override> copy = overrides ? *overrides : std::vector<Override>{};
  TomlDocument doc = TomlDocument::load(spec_path, &copy);
  const Section root = doc.root();
  const auto own = root.table_opt("chips");
  if (!own) return;
  for (const auto& name : own->keys()) {
    if (name == "source" || name == "assumption" || name == "note") continue;
    const auto known = cat.chips.find(name);
    if (known != cat.chips.end()) {
      const auto from = cat.chip_file.find(name);
      if (from != cat.chip_file.end() && from->second == spec_path) continue;  // added before
      throw InputError(own->location(name), own->key_path(name),
                       "chip \"" + name + "\" is already in the chip catalogue " +
                           (from != cat.chip_file.end() ? from->second : cat.path) +
                           "; give the new chip its own name");
    }
    const Chip c = read_chip_entry(own->table(name), name);
    if (root.failed()) return;  // load_platform_spec reports it, located
    cat.chips[name] = c;
    cat.chip_file[name] = spec_path;
  }
}

}  // namespace ascendsim
