// Serving model and simulation (issue 8): seed-000 fleet numbers, deployment errors with
// locations, KV-cache sizes by hand, Little's law on the simulated queue, determinism.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "sim/serving/serving_sim.hpp"
#include "sim/serving/token_demand.hpp"
#include "sim/supply/supply_file.hpp"

using namespace ascendsim;

namespace {

const char* kR1 = "workloads/serve/deepseek-v3_cloudmatrix384.toml";

std::string write_variant(const std::string& name, const std::string& from, const std::string& to) {
  std::ifstream in(kR1);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  const std::string dir = "build/test-serving";
  std::filesystem::create_directories(dir);
  // Keep the relative model path valid: the variant lives two levels below the repository root too.
  const std::string path = dir + "/" + name;
  const auto m = text.find("model = \"../deepseek-v3.toml\"");
  if (m != std::string::npos) text.replace(m, 29, "model = \"../../workloads/deepseek-v3.toml\"");
  std::ofstream(path) << text;
  return path;
}

std::string error_of(const std::string& path) {
  try {
    const Deployment d = load_deployment(path);
    const ChipCatalogue cat = load_chip_catalogue();
    make_serving_model(load_model(d.model_file), cat.find(d.chip), d, serving_efficiency(cat));
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

ServingModel r1_model() {
  const Deployment d = load_deployment(kR1);
  const ChipCatalogue cat = load_chip_catalogue();
  ServingModel s = make_serving_model(load_model(d.model_file), cat.find(d.chip), d, serving_efficiency(cat));
  // A hand-set EP all-to-all (pure test, no SimGrid): 1 us + bytes at 196 GB/s per die.
  s.decode_a2a = {1e-6, 1.0 / 196e9};
  s.prefill_a2a = {1e-6, 1.0 / 196e9};
  return s;
}

}  // namespace

TEST_CASE("Seed 000's four fleet numbers from 180 T tokens/day at 1,943 and 538 tok/s", "[serving][demand]") {
  // seeds/000 section 3: 180e12 / 86,400 = 2.08e9 tokens/s; 1.07 M, 2.14 M, 3.87 M, 7.74 M chips.
  struct Case { double rate, util, chips; };
  for (const Case c : {Case{1943, 1.0, 1.07e6}, Case{1943, 0.5, 2.14e6}, Case{538, 1.0, 3.87e6}, Case{538, 0.5, 7.74e6}}) {
    DemandInput in;
    in.tokens_per_day = 180e12;
    in.utilisation = c.util;
    in.decode_rate_per_chip = c.rate;
    const DemandResult r = token_demand(in);
    CHECK(r.tokens_per_s == Approx(2.0833e9).epsilon(1e-4));
    CHECK(r.chips == Approx(c.chips).epsilon(0.005));  // the seed prints three significant figures
  }
}

TEST_CASE("An output share splits the demand between prefill and decode pools", "[serving][demand]") {
  DemandInput in;
  in.tokens_per_day = 86400.0 * 1000;  // 1,000 tokens/s
  in.output_share = 0.2;
  in.utilisation = 0.5;
  in.decode_rate_per_chip = 100;   // 200 output tok/s / (100 x 0.5) = 4 chips
  in.prefill_rate_per_chip = 400;  // 800 input tok/s / (400 x 0.5) = 4 chips
  const DemandResult r = token_demand(in);
  CHECK(r.decode_chips == Approx(4.0));
  CHECK(r.prefill_chips == Approx(4.0));
  CHECK(r.chips == Approx(8.0));
  in.prefill_rate_per_chip = 0;
  CHECK_THROWS_WITH(token_demand(in), Catch::Contains("--input-rate-per-chip"));
  in.utilisation = 1.5;
  CHECK_THROWS_WITH(token_demand(in), Catch::Contains("utilisation"));
}

TEST_CASE("Months of wafer output for the seed's fleet under the base scenario", "[serving][demand]") {
  const SupplyFile f = load_supply_file("timelines/supply/thesis-wafer.toml");
  // base: 25,000 WPM x 20% x 12 = 60,000 910C-eq per month (REFERENCE.md s1): 1.0722 M / 60 k = 17.87 months.
  CHECK(months_of_output(180e12 / 86400 / 1943, *f.find("base")) == Approx(180e12 / 86400 / 1943 / 60000).epsilon(1e-6));
}

TEST_CASE("Bad deployment files get located errors", "[serving][deployment]") {
  SECTION("EP that does not divide the decode pool's dies") {
    const std::string e = error_of(write_variant("bad-ep.toml", "ep = 320", "ep = 300"));
    CHECK_THAT(e, Catch::Contains("bad-ep.toml:"));
    CHECK_THAT(e, Catch::Contains("decode.ep"));
    CHECK_THAT(e, Catch::Contains("320 dies"));
  }
  SECTION("batch limit of zero") {
    const std::string e = error_of(write_variant("bad-batch.toml", "batch_limit = 96", "batch_limit = 0"));
    CHECK_THAT(e, Catch::Contains("bad-batch.toml:"));
    CHECK_THAT(e, Catch::Contains("decode.batch_limit"));
  }
  SECTION("a precision the chip lacks") {
    const std::string e = error_of(write_variant("bad-fp8.toml", "weights = \"INT8\"", "weights = \"FP8\""));
    CHECK_THAT(e, Catch::Contains("precision.weights"));
    CHECK_THAT(e, Catch::Contains("FP8"));
  }
  SECTION("experts that do not spread evenly over the routed-expert dies") {
    const std::string e = error_of(write_variant("bad-redundant.toml", "redundant_experts = 32", "redundant_experts = 30"));
    CHECK_THAT(e, Catch::Contains("bad-redundant.toml:"));
    CHECK_THAT(e, Catch::Contains("decode.ep"));
  }
  SECTION("a batch limit whose KV cache overflows HBM") {
    const std::string e = error_of(write_variant("bad-hbm.toml", "batch_limit = 96", "batch_limit = 2000"));
    CHECK_THAT(e, Catch::Contains("decode.batch_limit"));
    CHECK_THAT(e, Catch::Contains("GB of HBM per die"));
  }
  SECTION("an unknown key") {
    const std::string e = error_of(write_variant("bad-key.toml", "batch_limit = 96", "batch_limit = 96\nbatch_limt = 9"));
    CHECK_THAT(e, Catch::Contains("decode.batch_limt"));
  }
}

TEST_CASE("DeepSeek-R1 KV cache, MTP yield and resident weights by hand", "[serving][cost]") {
  const ServingModel s = r1_model();
  // MLA latent 512 + RoPE key 64 at BF16 = 1,152 B per layer; 61 layers + the MTP layer.
  CHECK(s.kv_bytes_per_token == Approx(62 * 1152.0));
  CHECK(s.tokens_per_step == Approx(1.7));  // one draft token accepted 70% of the time
  CHECK(s.decode_dies == 320);
  // Weights on a routed-expert die are under the 64 GB of a die and above the 37 B active INT8 bytes / 2.
  CHECK(s.decode_weight_bytes_per_die < 64e9);
  CHECK(s.decode_weight_bytes_per_die > 10e9);
  // Decode attention over a 4,224-token cache: compute-bound (absorbed MLA with 128 heads), so it
  // scales with the batch: twice the requests, twice the time.
  const double a1 = decode_attention_s(s, 10, 4224), a2 = decode_attention_s(s, 20, 4224);
  CHECK(a2 == Approx(2 * a1).epsilon(1e-9));
  // Hand value of one layer: 2 queries x 4,224 keys x 128 heads x (2 x 576 + 2 x 512) FLOPs at
  // 376 TFLOPS x 65.4% per die, over 61 layers + the MTP layer (1 query); both compute-bound.
  const double flops_main = 2.0 * 4224 * 128 * (2 * 576 + 2 * 512), flops_mtp = flops_main / 2;
  const double per_req = (61 * flops_main + flops_mtp) / (376e12 * 0.654);
  CHECK(decode_attention_s(s, 1, 4224) == Approx(per_req).epsilon(1e-6));
}

TEST_CASE("Little's law holds on the simulated queue", "[serving][sim]") {
  const ServingModel s = r1_model();
  const auto reqs = poisson_requests(s.dep, 200, 20000, Rng(7));
  const ServingRun run = simulate_serving(s, reqs);
  // L from the event log alone (time-average number in system); lambda W from per-request times.
  const double L = time_average_in_system(run);
  double sojourn = 0;
  for (const auto& r : run.requests) sojourn += r.done_s - r.arrival_s;
  const double span = run.end_s - run.start_s;
  const double lambda = double(reqs.size()) / span, W = sojourn / double(reqs.size());
  CHECK(L == Approx(lambda * W).epsilon(0.02));
  CHECK(L > 1);
  // Every request finished, its first token after arrival, its last after its first.
  for (const auto& r : run.requests) {
    REQUIRE(r.first_token_s >= r.arrival_s);
    REQUIRE(r.done_s >= r.first_token_s);
  }
}

TEST_CASE("Serving simulation is deterministic for a seed", "[serving][sim]") {
  const ServingModel s = r1_model();
  const auto a = simulate_serving(s, poisson_requests(s.dep, 150, 3000, Rng(3)));
  const auto b = simulate_serving(s, poisson_requests(s.dep, 150, 3000, Rng(3)));
  const auto c = simulate_serving(s, poisson_requests(s.dep, 150, 3000, Rng(4)));
  REQUIRE(a.requests.size() == b.requests.size());
  for (size_t i = 0; i < a.requests.size(); ++i) REQUIRE(a.requests[i].done_s == b.requests[i].done_s);
  CHECK(a.end_s != c.end_s);
}

TEST_CASE("Decode continuous batching respects the batch limit", "[serving][sim]") {
  const ServingModel s = r1_model();
  // Requests arriving all at once: more than the decode pool holds (96 x 160).
  std::vector<Request> reqs(20000);
  for (auto& r : reqs) { r.arrival_s = 0; r.input_tokens = 128; r.output_tokens = 64; }
  const ServingRun run = simulate_serving(s, reqs);
  CHECK(run.decode_batch_max_per_npu <= 96.0);
}

TEST_CASE("Request trace CSV errors name the file and line", "[serving][sim]") {
  std::filesystem::create_directories("build/test-serving");
  const std::string p = "build/test-serving/trace.csv";
  std::ofstream(p) << "arrival_s,input_tokens,output_tokens\n0.0,100,10\n0.5,abc,10\n";
  CHECK_THROWS_WITH(load_request_trace(p), Catch::Contains("trace.csv:3"));
  std::ofstream(p) << "0.0,100,10\n1.0,100,10\n";
  CHECK(load_request_trace(p).size() == 2);
}
