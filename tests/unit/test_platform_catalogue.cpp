// Chip catalogue and platform spec loaders: shipped values (REFERENCE.md section 2), located errors
// for bad catalogues and specs, PlatformInfo closed forms, and shipped XML = generator output.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/platform/chip_catalogue.hpp"
#include "sim/platform/platform_info.hpp"
#include "sim/platform/topology_xml.hpp"

using namespace ascendsim;

namespace {
std::string write_temp(const std::string& name, const std::string& text) {
  const auto dir = std::filesystem::temp_directory_path() / "ascendsim_platform_tests";
  std::filesystem::create_directories(dir);
  const auto path = (dir / name).string();
  std::ofstream(path) << text;
  return path;
}
std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
const char* kChipHeader = R"(kind = "chips"
[efficiency]
matmul = "50%"
hbm = "80%"
network = "80%"
[chips.x]
available = 2025-01-01
hbm_capacity = "64GB"
hbm_bandwidth = "1TBps"
scaleup_bandwidth = "100GBps"
gemm_cores = 8
gemm_tile_m = 128
gemm_tile_n = 128
gemm_min_tile_m = 16
)";
}  // namespace

TEST_CASE("Chip catalogue: shipped values and per-direction conversions", "[platform][catalogue]") {
  const ChipCatalogue cat = load_chip_catalogue();
  CHECK(cat.names().size() == 9);
  const Chip& c910 = cat.find("ascend-910c");
  CHECK(c910.peak(Precision::BF16) == Approx(752e12));
  CHECK(c910.peak(Precision::INT8) == Approx(1504e12));
  CHECK(c910.dies == 2);
  CHECK(c910.hbm_capacity_B.nominal == Approx(128e9));
  CHECK(c910.scaleup_bandwidth_Bps.nominal == Approx(392e9));
  CHECK(c910.scaleout_bandwidth_Bps.nominal == Approx(400e9 / 8));
  CHECK_FALSE(c910.supports(Precision::FP8));
  CHECK_FALSE(c910.supports(Precision::FP4));
  const std::string fp8 = error_of([&] { c910.peak(Precision::FP8); });
  CHECK(fp8.find("no FP8") != std::string::npos);
  CHECK(cat.find("nvidia-h100").scaleup_bandwidth_Bps.nominal == Approx(900e9 / 2));  // NVLink total / 2
  CHECK(cat.find("nvidia-h800").scaleup_bandwidth_Bps.nominal == Approx(400e9 / 2));
  CHECK(cat.find("ascend-950pr").peak(Precision::BF16) == Approx(500e12));  // assumption in REFERENCE.md
  CHECK(cat.find("ascend-950pr").peak(Precision::MXFP4) == Approx(2000e12));
  CHECK(cat.find("ascend-950dt").hbm_capacity_B.nominal == Approx(144e9));
  CHECK(cat.find("ascend-970").hbm_bandwidth_Bps.nominal == Approx(14.4e12));
  // Validation-suite chips (docs/validation.md): a 910B is one 910C die (376 TFLOPS, 64 GB, 1.6 TB/s);
  // HCCS 392 GB/s total -> 196 per direction; one 200GE RoCE port = 25 GB/s. A100 SXM 80GB datasheet:
  // 312 TFLOPS BF16 dense, 2,039 GB/s, NVLink 600 GB/s total -> 300 per direction, 200 Gb/s HDR per GPU.
  const Chip& b910 = cat.find("ascend-910b");
  CHECK(b910.peak(Precision::BF16) == Approx(c910.peak(Precision::BF16) / 2));
  CHECK(b910.hbm_capacity_B.nominal == Approx(64e9));
  CHECK(b910.hbm_bandwidth_Bps.nominal == Approx(1.6e12));
  CHECK(b910.scaleup_bandwidth_Bps.nominal == Approx(392e9 / 2));
  CHECK(b910.scaleout_bandwidth_Bps.nominal == Approx(200e9 / 8));
  CHECK_FALSE(b910.supports(Precision::FP8));
  const Chip& a100 = cat.find("nvidia-a100-80gb");
  CHECK(a100.peak(Precision::BF16) == Approx(312e12));
  CHECK(a100.hbm_bandwidth_Bps.nominal == Approx(2.039e12));
  CHECK(a100.scaleup_bandwidth_Bps.nominal == Approx(600e9 / 2));
  CHECK(a100.scaleout_bandwidth_Bps.nominal == Approx(200e9 / 8));
  CHECK_FALSE(a100.supports(Precision::FP8));
  CHECK(cat.efficiency.matmul.nominal > 0);
  // Matrix-core structure: H100 SXM 132 SMs (NVIDIA H100 whitepaper), wgmma M = 64 (PTX ISA).
  CHECK(cat.find("nvidia-h100").gemm.cores == 132);
  CHECK(cat.find("nvidia-h800").gemm.min_tile_m == 64);
  CHECK(cat.find("ascend-910c").gemm.min_tile_m == 16);  // 16x16x16 cube
}

TEST_CASE("Chip catalogue: GEMM structure is required and checked", "[platform][catalogue]") {
  std::string header = kChipHeader;
  const std::string missing = write_temp("nogemm.toml", std::string(header).replace(header.find("gemm_cores = 8\n"), 15, "") +
                                                           "scaleout_bandwidth = \"1Gbps\"\n[chips.x.peak]\nBF16 = \"1PFLOPS\"\n");
  std::string e = error_of([&] { load_chip_catalogue(missing); });
  CHECK(e.find("chips.x.gemm_cores") != std::string::npos);
  CHECK(e.find("now gives its matrix-core structure") != std::string::npos);
  const std::string inverted = write_temp("inv.toml", std::string(header).replace(header.find("gemm_min_tile_m = 16"), 20, "gemm_min_tile_m = 256") +
                                                        "scaleout_bandwidth = \"1Gbps\"\n[chips.x.peak]\nBF16 = \"1PFLOPS\"\n");
  e = error_of([&] { load_chip_catalogue(inverted); });
  CHECK(e.find("chips.x.gemm_min_tile_m") != std::string::npos);
  CHECK(e.find("exceeds gemm_tile_m") != std::string::npos);
}

TEST_CASE("Chip catalogue: unknown chip name lists the known ones", "[platform][catalogue]") {
  const ChipCatalogue cat = load_chip_catalogue();
  const std::string e = error_of([&] { cat.find("ascend-910x"); });
  CHECK(e.find("platforms/chips.toml") != std::string::npos);
  CHECK(e.find("chips.ascend-910x") != std::string::npos);
  CHECK(e.find("ascend-910c, ascend-950dt") != std::string::npos);
}

TEST_CASE("Chip catalogue: bad values give file:line:col and key", "[platform][catalogue]") {
  const std::string neg = write_temp("neg.toml", std::string(kChipHeader) + "scaleout_bandwidth = \"-400Gbps\"\n[chips.x.peak]\nBF16 = \"1PFLOPS\"\n");
  std::string e = error_of([&] { load_chip_catalogue(neg); });
  CHECK(e.find("neg.toml:15:") != std::string::npos);
  CHECK(e.find("chips.x.scaleout_bandwidth") != std::string::npos);

  const std::string unit = write_temp("unit.toml", std::string(kChipHeader) + "scaleout_bandwidth = 400\n[chips.x.peak]\nBF16 = \"1PFLOPS\"\n");
  e = error_of([&] { load_chip_catalogue(unit); });
  CHECK(e.find("unit.toml:15:") != std::string::npos);
  CHECK(e.find("missing unit") != std::string::npos);

  const std::string key = write_temp("key.toml", std::string(kChipHeader) + "scaleout_bandwidth = \"1Gbps\"\nhbm_bandwith = \"1TBps\"\n[chips.x.peak]\nBF16 = \"1PFLOPS\"\n");
  e = error_of([&] { load_chip_catalogue(key); });
  CHECK(e.find("key.toml:16:") != std::string::npos);
  CHECK(e.find("chips.x.hbm_bandwith: unknown key") != std::string::npos);

  const std::string prec = write_temp("prec.toml", std::string(kChipHeader) + "scaleout_bandwidth = \"1Gbps\"\n[chips.x.peak]\nBF16 = \"1PFLOPS\"\nFP7 = \"1PFLOPS\"\n");
  e = error_of([&] { load_chip_catalogue(prec); });
  CHECK(e.find("prec.toml:18:") != std::string::npos);
  CHECK(e.find("chips.x.peak.FP7: unknown precision") != std::string::npos);
}

TEST_CASE("Platform spec: unknown chip and bad grouping are located errors", "[platform][spec]") {
  const ChipCatalogue cat = load_chip_catalogue();
  std::ifstream in("platforms/specs/cloudmatrix384.toml");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  const std::string bad_chip = write_temp("chip.toml", std::string(text).replace(text.find("ascend-910c"), 11, "ascend-911c"));
  std::string e = error_of([&] { load_platform_spec(bad_chip, cat); });
  CHECK(e.find("chip.toml:6:") != std::string::npos);
  CHECK(e.find("unknown chip \"ascend-911c\"") != std::string::npos);
  std::vector<Override> o{parse_override("scale_out.supernodes_per_group=3")};
  e = error_of([&] { load_platform_spec("platforms/specs/cloudmatrix384.toml", cat, &o); });
  CHECK(e.find("scale_out.supernodes_per_group: must divide supernodes") != std::string::npos);
}

TEST_CASE("PlatformInfo: closed forms from the spec numbers", "[platform][info]") {
  const ChipCatalogue cat = load_chip_catalogue();
  const PlatformInfo cm = platform_info(load_platform_spec("platforms/specs/cloudmatrix384.toml", cat));
  CHECK(cm.chips == 384);
  CHECK(cm.nodes == 48);
  CHECK(cm.bisection_bandwidth_Bps == Approx(192 * 392e9));          // half the chips x UB per direction
  CHECK(cm.storage_bandwidth_Bps == Approx(std::min(48 * 50e9, 2e12)));  // 48 nodes x 400 Gb/s, capped by 2 TB/s
  const PlatformInfo h = platform_info(load_platform_spec("platforms/specs/h100-16384.toml", cat));
  CHECK(h.pods == 6);  // 5 x 3,072 + 1,024
  CHECK(h.bisection_bandwidth_Bps == Approx(16384 * 50e9 / 7 / 2));  // pod uplinks 1:7, halved
  const PlatformInfo from_xml = read_platform_info("platforms/h800-2048.xml");
  CHECK(from_xml.chips == 2048);
  CHECK(from_xml.nodes == 256);
  CHECK(from_xml.bisection_bandwidth_Bps == Approx(1024 * 50e9));
}

TEST_CASE("Shipped platform XML files are exactly the generator's output", "[platform][golden]") {
  int n = 0;
  for (const auto& entry : std::filesystem::directory_iterator("platforms/specs")) {
    ChipCatalogue cat = load_chip_catalogue();
    add_spec_chips(cat, entry.path().string());  // a spec may carry its own chip
    const PlatformSpec spec = load_platform_spec(entry.path().string(), cat);
    const std::string xml_path = "platforms/" + spec.name + ".xml";
    INFO(xml_path);
    ++n;
    if (spec.chips() > kMaxShippedPlatformChips) {  // too large to ship (the SuperCluster)
      CHECK_FALSE(std::filesystem::exists(xml_path));
      continue;
    }
    std::ifstream in(xml_path, std::ios::binary);
    REQUIRE(in);
    std::stringstream ss;
    ss << in.rdbuf();
    CHECK(ss.str() == generate_platform_xml(spec, cat));
  }
  CHECK(n == 11);
}
