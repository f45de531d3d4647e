// Serving validation cases (timelines/serving/*.toml, docs/serving.md "Validation"): one published
// serving measurement, the `ascendsim serve` arguments that reproduce its conditions, the JSON key
// compared, and the simulated value expected (a golden, moved only on purpose).
//
//   kind = "serving-case"
//   name = "CloudMatrix384, DeepSeek-R1 decode, batch 8/NPU: TPOT"
//   args = "--platform platforms/cloudmatrix384.xml --workload workloads/deepseek-v3.toml --decode-batch 8"
//   key = "tpot_s.p50"
//   published = 0.0149
//   published_source = "arXiv 2506.12708, section 5, decode table"
//   rule = "10%"                 # "fitted" (the one calibration point), "10%", or "outside" (+ outside_reason)
//   expected = 0.0149618
#pragma once
#include <string>

namespace ascendsim {

struct ServingCase {
  std::string path, name, args, key, rule, source, outside_reason;
  double published = 0, expected = 0;
};

// Throws InputError, located (file, line, key).
ServingCase load_serving_case(const std::string& path);

}  // namespace ascendsim
