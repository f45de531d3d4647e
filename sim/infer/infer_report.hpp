// What `ascendsim infer` prints: the terminal summary and the JSON document (schema in
// docs/schema.md "infer"). Both are rendered from one InferResult, so they carry the same numbers.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "sim/infer/infer_run.hpp"

namespace ascendsim {

// A value of the given dimension as shown to a person: dates as ISO days, fractions as percent.
std::string format_infer_value(double v, Dimension dim);

std::string render_infer_text(const PriorSet& priors, const Evidence& evidence, const InferResult& r, std::size_t top_inputs = 10);
nlohmann::ordered_json infer_json(const PriorSet& priors, const Evidence& evidence, const InferResult& r);

}  // namespace ascendsim
