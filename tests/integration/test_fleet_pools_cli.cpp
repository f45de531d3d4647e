// Fleet pools and phase hardware at the CLI (issue 18 items 2 and 3): validate rejects, located, a
// phase whose platform chip its pools cannot supply, an unknown pool and installed chips with no
// source or assumption; the shipped mixed-hardware and rented scenarios validate.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "tests/support/run_cli.hpp"

namespace fs = std::filesystem;
using ascendsim::testing::run_cli;

namespace {

// A scenario pretraining on installed H800 with one post-training phase; `phase` is that phase's
// hardware keys, `installed_extra` more keys of the installed entry.
std::string scenario_text(const std::string& phase, const std::string& installed_extra = "source = \"test\"\n",
                          const std::string& workload_extra = "pools = [\"own-h800\"]\n") {
  const std::string src = ASCENDSIM_SOURCE_DIR;
  return "kind = \"scenario\"\nname = \"pools\"\n"                                       // 1-2
         "calendar_file = \"" + src + "/timelines/calendar/v4-observed.toml\"\n"          // 3
         "[platform]\nspec = \"" + src + "/platforms/specs/h800-2048.toml\"\n"            // 4-5
         "catalogue = \"" + src + "/platforms/chips.toml\"\n"                             // 6
         "[workload]\ntraining = \"" + src + "/workloads/deepseek-v4-flash-train.toml\"\n"  // 7-8
         + workload_extra +                                                              // 9
         "[[fleet.installed]]\nname = \"own-h800\"\nchip = \"nvidia-h800\"\n"             // 10-12
         "date = 2025-01-01\nchips = 2048\n" + installed_extra +                          // 13-15
         "[[fleet.rented]]\nname = \"cloud\"\nchip = \"ascend-910c\"\nfrom = 2025-06-01\n"  // 16-19
         "supernodes = 2\nsupernode_chips = 384\nchip_hour_usd = 1.5\nassumption = \"test\"\n"  // 20-23
         "[[run.post_training]]\nname = \"sft\"\ntokens = \"0.3T\"\ntokens_per_step = \"63M\"\n"  // 24-27
         + phase;                                                                        // 28-
}

struct Scratch {
  fs::path dir = fs::temp_directory_path() / ("ascendsim-pools-" + std::to_string(getpid()));
  Scratch() { fs::create_directories(dir); }
  ~Scratch() { fs::remove_all(dir); }
  std::string write(const std::string& name, const std::string& text) const {
    const fs::path f = dir / name;
    std::ofstream(f) << text;
    return f.string();
  }
};

}  // namespace

TEST_CASE("validate rejects a post-training phase whose platform chip its pools cannot supply, at its pools", "[cli][pools]") {
  Scratch tmp;
  const std::string src = ASCENDSIM_SOURCE_DIR;
  const std::string hw = "spec = \"" + src + "/platforms/specs/cloudmatrix384.toml\"\n"                            // 28
                         "training_set = [\"training.precision=BF16\", \"training.dispatch_precision=BF16\"]\n";  // 29
  // The phase's 910C platform on the H800 pool only: nothing there is a 910C.
  const std::string bad = tmp.write("bad.toml", scenario_text(hw + "pools = [\"own-h800\"]\n"));  // pools: line 30
  const auto r = run_cli("validate " + bad);
  INFO(r.out);
  CHECK(r.status == 2);
  CHECK(r.out.find(bad + ":30:") != std::string::npos);
  CHECK(r.out.find("pools") != std::string::npos);
  CHECK(r.out.find("platform chip ascend-910c") != std::string::npos);
  CHECK(r.out.find("own-h800 holds only nvidia-h800") != std::string::npos);
  // The same phase on the rented 910C pool validates.
  const std::string good = tmp.write("good.toml", scenario_text(hw + "pools = [\"cloud\"]\n"));
  const auto g = run_cli("validate " + good);
  INFO(g.out);
  CHECK(g.status == 0);
  // Without training_set the phase asks the 910C for FP8: an error at the phase, not a fallback.
  const std::string fp8 = tmp.write("fp8.toml", scenario_text("spec = \"" + src + "/platforms/specs/cloudmatrix384.toml\"\n"
                                                              "pools = [\"cloud\"]\n"));
  const auto f = run_cli("validate " + fp8);
  CHECK(f.status == 2);
  CHECK(f.out.find("FP8 is not supported by") != std::string::npos);
}

TEST_CASE("validate rejects an unknown pool, a pretraining chip its pools lack, and installed chips with no provenance", "[cli][pools]") {
  Scratch tmp;
  const std::string unknown = tmp.write("unknown.toml", scenario_text("", "source = \"test\"\n", "pools = [\"own-h900\"]\n"));
  const auto u = run_cli("validate " + unknown);
  CHECK(u.status == 2);
  CHECK(u.out.find(unknown + ":9:") != std::string::npos);
  CHECK(u.out.find("no fleet pool \"own-h900\" (pools: own-h800, cloud)") != std::string::npos);
  // Pretraining on H800 restricted to the rented 910C pool.
  const std::string lacks = tmp.write("lacks.toml", scenario_text("", "source = \"test\"\n", "pools = [\"cloud\"]\n"));
  const auto l = run_cli("validate " + lacks);
  CHECK(l.status == 2);
  CHECK(l.out.find(lacks + ":9:") != std::string::npos);
  CHECK(l.out.find("workload.pools") != std::string::npos);
  CHECK(l.out.find("chip nvidia-h800") != std::string::npos);
  // A power site cannot house a rented pool (the cloud powers it).
  const std::string site = tmp.write("site.toml", scenario_text("", "source = \"test\"\n", "pools = [\"own-h800\"]\n") +
                                                      "[[fleet.sites]]\nname = \"dc\"\npools = [\"cloud\"]\npower_MW = 10\n"
                                                      "assumption = \"test\"\n");
  const auto st = run_cli("validate " + site);
  CHECK(st.status == 2);
  CHECK(st.out.find("\"cloud\" is rented") != std::string::npos);
  const std::string bare = tmp.write("bare.toml", scenario_text("", ""));
  const auto b = run_cli("validate " + bare);
  CHECK(b.status == 2);
  CHECK(b.out.find(bare + ":10:") != std::string::npos);
  CHECK(b.out.find("installed chips: say where the number comes from") != std::string::npos);
}

TEST_CASE("the shipped mixed-hardware and rented scenarios validate", "[cli][pools]") {
  CHECK(run_cli("validate timelines/v4-flash-nvidia-then-ascend.toml timelines/v4-flash-rented-cm384.toml").status == 0);
}
