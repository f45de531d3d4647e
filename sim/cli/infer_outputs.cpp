#include "sim/cli/infer_outputs.hpp"

#include <cstdio>

#include "sim/cli/command.hpp"
#include "sim/infer/infer_html.hpp"
#include "sim/infer/infer_report.hpp"

namespace ascendsim::cli {

const std::vector<std::string> kInferFiles{"infer.json", "report.html"};

void print_infer_outputs(const PriorSet& priors, const Evidence& evidence, const InferResult& r, const nlohmann::json& provenance,
                         bool json, std::size_t top_inputs, OutputDir* out) {
  nlohmann::ordered_json j = infer_json(priors, evidence, r);
  j["provenance"] = nlohmann::ordered_json::parse(provenance.dump());
  const std::string dumped = j.dump(2);
  if (out) out->publish("infer", {{"infer.json", dumped + "\n"}, {"report.html", render_infer_html(priors, evidence, r, provenance)}});
  if (json) print_json(dumped);
  else std::fputs(render_infer_text(priors, evidence, r, top_inputs).c_str(), stdout);
  if (out && !json)
    std::printf("wrote %s and %s\n", out->path("infer.json").c_str(), out->path("report.html").c_str());
}

}  // namespace ascendsim::cli
