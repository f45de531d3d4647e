// Fleets from several pools (issue 18 item 2) and phases on other hardware (item 3): pool
// restriction, rented supernodes, the rented share's price, the cost of moving a run between
// fleets at a checkpoint, and the run level placing a post-training phase on another fleet.
// Every expected value is worked out by hand in the comments.
#include <catch2/catch.hpp>
#include <cmath>

#include "sim/run/phase_fleet.hpp"
#include "sim/run/run_model.hpp"
#include "sim/supply/fleet.hpp"
#include "sim/supply/rented_capacity.hpp"
#include "tests/support/small_run.hpp"

using namespace ascendsim;
using Catch::Detail::Approx;

TEST_CASE("fleet pools: installed and rented pools are kept apart and restricted by name", "[pools]") {
  Fleet f = Fleet::fixed({{"nvidia-h800", {{0, 1000.0}}}}, {{"nvidia-h800", 1}});
  f.add("deepseek-h800", "nvidia-h800", 10, 2048);
  RentedPool r;
  r.pool = "cloud";
  r.chip = "ascend-910c";
  r.from_day = 20;
  r.supernodes = 3;
  r.supernode_chips = 384;
  f.add_rented(r);
  // Every pool: 1,000 + 2,048 H800 from day 10; 3 x 384 = 1,152 910C from day 20.
  CHECK(f.usable_chips("nvidia-h800", 9) == 1000);
  CHECK(f.usable_chips("nvidia-h800", 10) == 3048);
  CHECK(f.usable_chips("ascend-910c", 19) == 0);
  CHECK(f.usable_chips("ascend-910c", 20) == 1152);
  CHECK(f.supernode_size("ascend-910c") == 384);
  // Only the installed pool: the fixed fleet's 1,000 are gone; only the rented: no H800 at all.
  const Fleet inst = f.only({"deepseek-h800"});
  CHECK(inst.usable_chips("nvidia-h800", 30) == 2048);
  CHECK(inst.usable_chips("ascend-910c", 30) == 0);
  const Fleet rented = f.only({"cloud"});
  CHECK(rented.usable_chips("nvidia-h800", 30) == 0);
  CHECK(rented.usable_chips("ascend-910c", 30) == 1152);
  REQUIRE(rented.usable_schedule("ascend-910c", 100).size() == 1);
  CHECK(rented.usable_schedule("ascend-910c", 100)[0].day == 20);
  CHECK(f.chip_types_in({"cloud", "deepseek-h800"}) == std::vector<std::string>{"ascend-910c", "nvidia-h800"});
  CHECK(f.only({}).usable_chips("nvidia-h800", 30) == 3048);  // empty list: every pool
}

TEST_CASE("rented capacity: owned chips first, then each rented pool in order at its price", "[pools]") {
  // A 1,000-chip job with 600 owned: 400 rented, 300 from the first pool at US$2 and 100 from the
  // second at US$1: 300 x 2 + 100 x 1 = US$700 per hour.
  const RentalUse u = rental_use(1000, 600, {{300, 2.0}, {500, 1.0}});
  CHECK(u.rented_chips == 400);
  CHECK(u.usd_per_hour == Approx(700.0));
  // Owned chips cover the job: nothing rented.
  CHECK(rental_use(500, 600, {{300, 2.0}}).rented_chips == 0);
  // Rented capacity short of the need: all of it, no more.
  CHECK(rental_use(1000, 0, {{300, 2.0}}).rented_chips == 300);
}

TEST_CASE("moving a run to other hardware: persist, reshard, relaunch and reload from the storage paths", "[pools]") {
  CheckpointPolicy from, to;
  from.write_Bps_per_node = 4e9;   // 8 nodes: 32 GB/s, under the 2 TB/s aggregate
  from.aggregate_write_Bps = 2e12;
  from.aggregate_read_Bps = 10e9;  // the old storage serves the reshard pass at 10 GB/s at most
  to.read_Bps_per_node = 1e9;      // 4 nodes: 4 GB/s
  to.write_Bps_per_node = 2e9;     // 4 nodes: 8 GB/s
  to.aggregate_read_Bps = 2e12;
  to.aggregate_write_Bps = 2e12;
  const double bytes = 80e9;
  const MoveCost m = hardware_move_cost(bytes, StoragePath{8, &from}, StoragePath{4, &to}, 480.0);
  CHECK(m.persist_s == Approx(80e9 / 32e9));                     // 2.5 s
  CHECK(m.reshard_s == Approx(80e9 / 4e9 + 80e9 / 8e9));         // read min(10, 4) GB/s + write 8 GB/s = 30 s
  CHECK(m.relaunch_s == 480.0);
  CHECK(m.reload_s == Approx(80e9 / 4e9));                       // 20 s
  CHECK(m.total_s() == Approx(2.5 + 30 + 480 + 20));
}

namespace {
// 64 chips (8 hosts), 2 s steps, 1,000 steps, no failures, no checkpoints during the run.
RunInputs run_with_phase_elsewhere() {
  RunInputs in = ascendsim::testing::small_run();  // tests/support/small_run.hpp
  in.start_day = 100;
  in.policy.checkpoint.interval_s = Param(1e12);
  PostTrainingPhase ph;
  ph.name = "sft";
  ph.tokens = 100 * 1e6;
  ph.tokens_per_step = 1e6;
  in.policy.post_training.push_back(ph);
  PhaseFleet other;
  other.label = "other";
  other.step_time_s = [](long chips) { return chips == 16 ? 1.0 : 99.0; };
  other.job_chips = [](long chips) { return (chips / 8) * 8; };
  other.arrivals = {{100.5, 16}};  // 16 chips from noon of the start day
  other.chips_per_host = 8;
  other.storage.write_Bps_per_node = 1e9;
  other.storage.read_Bps_per_node = 1e9;
  in.phase_fleets.push_back(other);
  in.post_hardware = {1};
  return in;
}
}  // namespace

TEST_CASE("a post-training phase on another fleet waits for its chips, pays the move and uses that fleet's step", "[pools]") {
  const RunResult r = simulate_run(run_with_phase_elsewhere());
  REQUIRE(!r.never_finishes);
  CHECK(r.pretraining_s == Approx(2000.0));
  REQUIRE(r.post_phases.size() == 1);
  const PhaseRun& p = r.post_phases[0];
  CHECK(p.hardware == 1);
  CHECK(p.chips == 16);
  // Move: persist 80 GB from 8 hosts at 1 GB/s = 10 s; reshard read at min(2 TB/s, 2 hosts x 1 GB/s)
  // = 40 s plus write 2 x 1 GB/s = 40 s; relaunch 480 s (the policy's restart); reload 40 s.
  CHECK(p.move_s == Approx(10 + 80 + 480 + 40));
  // The chips arrive at 43,200 s after the start; pretraining ended at 2,000 s: 41,200 s of wait,
  // which covers the persist and reshard (90 s); then relaunch and reload; then 100 steps x 1 s.
  CHECK(p.wait_s == Approx(41200.0));
  CHECK(p.wall_s == Approx(100.0));
  CHECK(r.post_training_s == Approx(41200.0 + 480 + 40 + 100));
  CHECK(p.start_day == Approx(100 + (2000.0 + 41200 + 480 + 40) / 86400.0));
}

TEST_CASE("moving back to the pretraining fleet costs a move too, and a fleet that never holds a replica never finishes", "[pools]") {
  RunInputs in = run_with_phase_elsewhere();
  PostTrainingPhase back;
  back.name = "rl";
  back.tokens = 10 * 1e6;
  back.tokens_per_step = 1e6;
  in.policy.post_training.push_back(back);
  in.post_hardware = {1, 0};
  const RunResult r = simulate_run(in);
  REQUIRE(r.post_phases.size() == 2);
  // Back on the 64-chip job: persist from 2 hosts at 1 GB/s = 40 s; reshard read min(2 TB/s, 8 GB/s)
  // = 10 s + write 8 GB/s = 10 s; relaunch 480 s; reload 10 s. No wait (the job's chips are there).
  CHECK(r.post_phases[1].hardware == 0);
  CHECK(r.post_phases[1].chips == 64);
  CHECK(r.post_phases[1].move_s == Approx(40 + 20 + 480 + 10));
  CHECK(r.post_phases[1].wall_s == Approx(10 * 2.0));

  RunInputs none = run_with_phase_elsewhere();
  none.phase_fleets[0].arrivals = {{100.5, 4}};  // half a replica, ever
  const RunResult n = simulate_run(none);
  CHECK(n.never_finishes);
  CHECK(n.never_reason.find("sft") != std::string::npos);
}

TEST_CASE("a site's power cap keeps the chips that fit its megawatts, in arrival order, and leaves other pools alone", "[pools]") {
  Fleet f = Fleet::fixed({}, {});
  f.add("a", "nvidia-h800", 0, 1000);
  f.add("b", "nvidia-h800", 5, 1000);
  f.add("elsewhere", "nvidia-h800", 5, 300);
  // 2 MW at 700 W + 575 W per H800 (chips.toml): floor(2e6 / 1275) = 1,568 chips. Pool a's 1,000
  // (day 0) fit; of pool b's 1,000 (day 5) only 568 do. The other pool is not at the site.
  f.cap_power({"a", "b"}, 2e6, {{"nvidia-h800", 700.0 + 575.0}});
  CHECK(f.usable_chips("nvidia-h800", 4) == 1000);
  CHECK(f.usable_chips("nvidia-h800", 5) == 1568 + 300);
  CHECK(f.only({"b"}).usable_chips("nvidia-h800", 5) == 568);
  CHECK(f.only({"elsewhere"}).usable_chips("nvidia-h800", 5) == 300);
}
