// What `infer` and `merge` (of infer parts) print and write, in one place so both give the same
// bytes: the terminal summary or --json on stdout, and with --out DIR the set infer.json +
// report.html, published all or nothing (docs/outputs.md).
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/infer/infer_run.hpp"
#include "sim/trace/output_dir.hpp"

namespace ascendsim::cli {

extern const std::vector<std::string> kInferFiles;  // infer.json, report.html

void print_infer_outputs(const PriorSet& priors, const Evidence& evidence, const InferResult& r, const nlohmann::json& provenance,
                         bool json, std::size_t top_inputs, OutputDir* out);

}  // namespace ascendsim::cli
