// The run policy at the command line: `train` without --policy simulates failures and checkpoints
// (the default policy), --no-failures asks for none; `validate` rejects a scenario whose platform
// chip its supply cannot provide (before: a silent 3,585-day miss).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <unistd.h>

#include "tests/support/run_cli.hpp"

using ascendsim::testing::run_cli;
namespace fs = std::filesystem;

namespace {
const std::string kTrainV3 =
    "train --platform platforms/specs/h800-2048.toml --workload workloads/deepseek-v3-train.toml --chips 2048";
}

TEST_CASE("train with no --policy reports failures and checkpoints, --no-failures reports none", "[cli][run]") {
  const auto r = run_cli(kTrainV3 + " --json");
  INFO(r.out);
  REQUIRE(r.status == 0);
  const auto j = nlohmann::json::parse(r.out.substr(r.out.find('{')));
  CHECK(j["policy"] == "default");
  CHECK(j["failures_file"] == "platforms/failure-rates.toml");  // an NVIDIA chip: the measured rates
  CHECK(j["interruptions"]["unexpected"].get<long>() > 0);
  CHECK(j["checkpoints_written"].get<long>() > 0);
  CHECK(j["effective_training_ratio"].get<double>() < 1.0);
  // The 10 min minimum bounds Daly's interval from below; the rule named is one of the bounds.
  CHECK(j["checkpoint_interval_s"].get<double>() >= 600.0);
  CHECK(j["checkpoint_persist_s"].get<double>() > 0);
  const auto none = run_cli(kTrainV3 + " --no-failures --json");
  REQUIRE(none.status == 0);
  const auto k = nlohmann::json::parse(none.out.substr(none.out.find('{')));
  CHECK(k["interruptions"]["unexpected"].get<long>() == 0);
  CHECK(k["checkpoints_written"].get<long>() == 0);
  CHECK(k["effective_training_ratio"].get<double>() == 1.0);
  // --no-failures and --failures contradict each other.
  CHECK(run_cli(kTrainV3 + " --no-failures --failures platforms/failure-rates.toml").status != 0);
  // The help states the default policy.
  const auto help = run_cli("train --help");
  CHECK(help.out.find("Default: async") != std::string::npos);
  CHECK(help.out.find("--no-failures") != std::string::npos);
}

TEST_CASE("validate rejects a scenario whose platform chip its supply does not make, naming both keys", "[cli][run]") {
  const fs::path dir = fs::temp_directory_path() / ("ascendsim-chip-mismatch-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string src = ASCENDSIM_SOURCE_DIR;
  const fs::path file = dir / "mismatch.toml";
  // A 950PR platform fed by the thesis supply with its line turned to 910C (as the shipped 910C
  // variant does): the fleet only ever holds 910C.
  std::ofstream(file) << "kind = \"scenario\"\nname = \"mismatch\"\nset = [\"supply.chip=ascend-910c\"]\n"
                      << "calendar_file = \"" << src << "/timelines/calendar/v4-observed.toml\"\n"
                      << "[platform]\nspec = \"" << src << "/platforms/specs/cm384-950pr.toml\"\n"
                      << "catalogue = \"" << src << "/platforms/chips.toml\"\n"
                      << "[workload]\ntraining = \"" << src << "/workloads/deepseek-v4-flash-train.toml\"\n"
                      << "[fleet]\nsupply = \"" << src << "/timelines/supply/thesis-wafer.toml\"\n"
                      << "scenario = \"base\"\n";
  const auto r = run_cli("validate " + file.string());
  INFO(r.out);
  CHECK(r.status == 2);
  // Located at fleet.scenario (line 12), naming the platform key and chip and what the supply makes.
  CHECK(r.out.find(file.string() + ":12:") != std::string::npos);
  CHECK(r.out.find("fleet.scenario") != std::string::npos);
  CHECK(r.out.find("platform.spec") != std::string::npos);
  CHECK(r.out.find("chip ascend-950pr") != std::string::npos);
  CHECK(r.out.find("makes and installs only ascend-910c") != std::string::npos);
  // The shipped 910C variant makes the line 910C (its set = ["supply.chip=ascend-910c"]) and validates.
  CHECK(run_cli("validate timelines/v4-flash-910c-bf16.toml").status == 0);
  fs::remove_all(dir);
}

TEST_CASE("run-policy files: the interval rule's keys validate, a fixed interval with a minimum is a located error", "[cli][run]") {
  const fs::path dir = fs::temp_directory_path() / ("ascendsim-policy-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const fs::path good = dir / "good.toml", both = dir / "both.toml", share = dir / "share.toml";
  std::ofstream(good) << "kind = \"run-policy\"\n[checkpoint]\nmode = \"async\"\nmin_interval = \"30min\"\n"
                         "max_storage_share = \"50%\"\n";
  std::ofstream(both) << "kind = \"run-policy\"\n[checkpoint]\ninterval = \"20min\"\nmin_interval = \"10min\"\n";
  std::ofstream(share) << "kind = \"run-policy\"\n[checkpoint]\nmax_storage_share = 1.5\n";
  CHECK(run_cli("validate " + good.string()).status == 0);
  const auto b = run_cli("validate " + both.string());
  INFO(b.out);
  CHECK(b.status == 2);
  CHECK(b.out.find(both.string() + ":4:") != std::string::npos);
  CHECK(b.out.find("checkpoint.min_interval: give either a fixed `interval` or the rule's `min_interval`") !=
        std::string::npos);
  const auto s = run_cli("validate " + share.string());
  CHECK(s.status == 2);
  CHECK(s.out.find("checkpoint.max_storage_share") != std::string::npos);
  // The shipped Ascend rates validate (their carried-over `assumption` is metadata).
  CHECK(run_cli("validate platforms/failure-rates-ascend.toml").status == 0);
  fs::remove_all(dir);
}

TEST_CASE("train --policy runs an sft phase as work and refuses an rl phase, located", "[cli][run]") {
  const fs::path dir = fs::temp_directory_path() / ("ascendsim-post-training-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const fs::path sft = dir / "sft.toml";
  std::ofstream(sft) << "kind = \"run-policy\"\n[[post_training]]\nname = \"sft\"\nkind = \"sft\"\nsteps = 100\n";
  const auto ok = run_cli(kTrainV3 + " --no-failures --policy " + sft.string() + " --json");
  INFO(ok.out);
  REQUIRE(ok.status == 0);
  const auto j = nlohmann::json::parse(ok.out.substr(ok.out.find('{')));
  // 100 steps of the pretraining batch at the pretraining step, no failures: 100 x the step.
  const auto& ph = j["post_training"].at(0);
  CHECK(ph["kind"] == "sft");
  CHECK(ph["units"].get<double>() == 100.0);
  CHECK(ph["productive_hours"].get<double>() == Approx(100.0 * ph["unit_s"].get<double>() / 3600.0));
  CHECK(j["post_training_days"].get<double>() * 24.0 == Approx(ph["wall_hours"].get<double>()));
  const fs::path rl = dir / "rl.toml";
  std::ofstream(rl) << "kind = \"run-policy\"\n[[post_training]]\nname = \"rl\"\nkind = \"rl\"\nsteps = 10\n"
                    << "prompts_per_step = 32\nsamples_per_prompt = 16\nprompt_tokens = 200\nresponse_tokens = 1000\n"
                    << "max_response_tokens = 4000\ndeployment = \"d.toml\"\n";
  const auto bad = run_cli(kTrainV3 + " --policy " + rl.string());
  CHECK(bad.status == 2);
  CHECK(bad.out.find(rl.string() + ":4:") != std::string::npos);
  CHECK(bad.out.find("ascendsim run") != std::string::npos);
  fs::remove_all(dir);
}
