// Request-level discrete-event simulation of prefill/decode-disaggregated serving: arrivals
// (Poisson or a trace), prefill instances batching requests FIFO, KV-cache transfer to the decode
// pool, continuous batching in decode instances up to a batch limit, per-request TTFT and TPOT.
// Step times come from serving_cost (the shared roofline model); pure code, no SimGrid.
#pragma once
#include <string>
#include <vector>

#include "sim/serving/serving_cost.hpp"
#include "sim/trace/span.hpp"
#include "sim/util/rng.hpp"

namespace ascendsim {

struct Request {
  double arrival_s = 0;
  long input_tokens = 1;
  long output_tokens = 1;
};

// n requests with exponential inter-arrival times at `rate_per_s` and lengths drawn from the
// deployment's distributions (each from its own stream of `rng`).
std::vector<Request> poisson_requests(const Deployment& d, double rate_per_s, long n, const Rng& rng);
// CSV `arrival_s,input_tokens,output_tokens` (header line optional); located errors (file:line).
std::vector<Request> load_request_trace(const std::string& path);

struct RequestTimes {
  double arrival_s = 0, prefill_start_s = 0, first_token_s = 0, decode_join_s = 0, done_s = 0;
  long input_tokens = 0, output_tokens = 0;
  double ttft_s() const { return first_token_s - arrival_s; }
  // Time per output token after the first (0 for single-token outputs).
  double tpot_s() const { return output_tokens > 1 ? (done_s - first_token_s) / double(output_tokens - 1) : 0; }
};

// One change of the number of requests in the system (+1 arrival, -1 completion), in time order.
struct SystemEvent {
  double time_s;
  int delta;
};

struct ServingRun {
  std::vector<RequestTimes> requests;
  std::vector<SystemEvent> system_log;
  double start_s = 0, end_s = 0;        // first arrival, last completion
  double decode_npu_seconds_busy = 0;   // time-integral of active decode requests / NPUs (for occupancy)
  double decode_batch_mean_per_npu = 0; // time-average active requests per decode NPU over [start, end]
  double decode_batch_max_per_npu = 0;
  long prefill_batches = 0, decode_steps = 0;
  Trace trace;  // prefill batches and decode steps (only when asked for)
};

ServingRun simulate_serving(const ServingModel& s, const std::vector<Request>& requests, bool keep_trace = false);

struct Percentiles {
  double p50 = 0, p90 = 0, p99 = 0, mean = 0;
};
Percentiles percentiles(std::vector<double> values);  // nearest-rank

// Time-average number in system over [start, end] from the event log alone.
double time_average_in_system(const ServingRun& run);

}  // namespace ascendsim
