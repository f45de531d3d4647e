// One accelerator type as the chip catalogue (platforms/chips.toml) describes it. Dense peak rates
// per precision; a precision the chip lacks is absent from `peak_flops`, and asking for it is an
// input error (no silent fallback). Every bandwidth is per direction.
#pragma once
#include <map>
#include <optional>
#include <string>

#include "sim/config/param.hpp"

namespace ascendsim {

enum class Precision { BF16, FP16, FP8, MXFP8, HiF8, FP4, MXFP4, INT8 };

const char* precision_name(Precision p);                          // "BF16", "MXFP8", ...
std::optional<Precision> parse_precision(const std::string& s);   // case-insensitive
int precision_bytes_x2(Precision p);  // storage size in half-bytes: BF16 4, FP8 2, FP4 1, INT8 2

// Matrix-core structure that sets GEMM tile and wave quantization (sim/workload/gemm_efficiency.hpp).
struct GemmCores {
  int cores = 0;        // matrix cores one GEMM runs on (SMs; AI cube cores): 0 = no shape model
  int tile_m = 128;     // output tile rows of the library's large-GEMM kernel
  int tile_n = 256;     // output tile columns
  int min_tile_m = 64;  // shortest tile used for skinny GEMMs (the matrix instruction's M)
};

struct Chip {
  std::string name;          // catalogue key, e.g. "ascend-950pr"
  std::string display_name;  // "Ascend 950PR"
  long available_day = 0;    // days since 1970-01-01 (catalogue default for hardware-ready)
  int dies = 1;              // devices software sees per package (910C: 2)
  std::map<Precision, Param> peak_flops;  // dense FLOP/s per package, per precision
  Param hbm_capacity_B;                   // per package
  Param hbm_bandwidth_Bps;                // per package
  Param scaleup_bandwidth_Bps;            // per chip per direction inside a supernode (UB / NVLink)
  Param scaleout_bandwidth_Bps;           // per chip per direction leaving the supernode (RDMA / IB)
  double ascend_wafer_equivalent = 1.0;   // 910C-equivalents of wafer supply per package (supply level)
  GemmCores gemm;                         // chips.toml gemm_cores, gemm_tile_m, gemm_tile_n, gemm_min_tile_m
  // Electrical power while serving or training (chips.toml chip_power_W, host_power_per_chip_W): the
  // package itself, and its share of everything else in the server/rack (CPUs, switches, optics, fans),
  // before the data-centre PUE. 0 and 0 = not given (energy figures are then not reported).
  double chip_power_W = 0;
  double host_power_per_chip_W = 0;
  bool has_power() const { return chip_power_W > 0; }
  double power_per_chip_W() const { return chip_power_W + host_power_per_chip_W; }  // IT power, no PUE

  // Peak for a precision; throws InputError naming the chip when it lacks that precision.
  double peak(Precision p) const;
  bool supports(Precision p) const { return peak_flops.count(p) > 0; }
};

}  // namespace ascendsim
