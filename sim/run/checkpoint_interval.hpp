// Checkpoint-interval rules and the expected loss per failure, in closed form: Young's first-order
// interval, Daly's higher-order interval (Daly 2006, "A higher order estimate of the optimum
// checkpoint interval for restart dumps", FGCS 22), and the mean work lost to an exponential failure.
#pragma once

namespace ascendsim {

// Young: tau = sqrt(2 delta M). delta: blocking checkpoint cost (s); M: job mean time between failures (s).
double young_interval_s(double checkpoint_cost_s, double mtbf_s);
// Daly: tau = sqrt(2 delta M) [1 + (1/3) sqrt(delta / 2M) + (1/9) (delta / 2M)] - delta, for delta < 2M;
// tau = M otherwise (Daly's rule for very expensive checkpoints). Always > 0 for delta, M > 0.
double daly_interval_s(double checkpoint_cost_s, double mtbf_s);
// Expected time since the last checkpoint when an exponential failure of rate lambda (1/s) strikes a
// cycle of length tau (s): 1/lambda - tau / (e^{lambda tau} - 1). Tends to tau/2 as lambda tau -> 0.
double expected_lost_work_s(double failure_rate_per_s, double interval_s);

// The run policy's interval rule (docs/run-level.md). A checkpoint costs the job its blocking time
// (sync: the whole write; async: the snapshot to host memory) and costs the storage its persist
// (bytes / write bandwidth, both modes). The interval is the largest of
//   Daly's optimum for the blocking cost and the job MTBF,
//   the policy's minimum interval, and
//   persist / max_storage_share: the persists may occupy the storage system at most that share of
//   the time (1 = back to back: a persist must finish before the next checkpoint starts).
// No failures (mtbf infinite or <= 0): infinite (no checkpoints).
struct IntervalChoice {
  double interval_s = 0;
  double daly_s = 0;
  double min_s = 0;
  double storage_s = 0;
  const char* rule = "";  // which bound is the interval: "daly", "min_interval", "storage", "no failures"
};
IntervalChoice policy_interval(double blocking_s, double persist_s, double mtbf_s, double min_interval_s,
                               double max_storage_share);

}  // namespace ascendsim
