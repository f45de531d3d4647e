// The serving event loop. Events: arrival, prefill batch end, KV transfer end, decode step end.
// Prefill instances take FIFO batches up to batch_tokens x NPUs tokens; a decode instance admits
// waiting requests at each step boundary (continuous batching) up to batch_limit x NPUs. MTP is
// modelled by its expected yield: each step adds tokens_per_step tokens to every active request.
#include "sim/serving/serving_sim.hpp"
#include "sim/util/memory_budget.hpp"

#include <algorithm>
#include <optional>
#include <cmath>
#include <deque>
#include <fstream>
#include <map>
#include <queue>
#include <sstream>

namespace ascendsim {

std::vector<Request> poisson_requests(const Deployment& d, double rate_per_s, long n, const Rng& rng) {
  if (!(rate_per_s > 0)) throw InputError(SourceLocation{"--rate", 0, 0}, "rate", "expected a positive arrival rate");
  // Each request is held as a Request, as the run's RequestTimes, and as two system-log events.
  check_fits_in_memory(static_cast<double>(n), double(sizeof(Request) + sizeof(RequestTimes) + 2 * sizeof(SystemEvent)),
                       memory_budget_bytes(), SourceLocation{"--requests " + std::to_string(n), 0, 0}, "requests",
                       "requests", "simulate fewer requests (the percentiles settle long before)");
  Rng gaps = rng.fork(1), in = rng.fork(2), out = rng.fork(3);
  std::vector<Request> r(static_cast<size_t>(std::max(0L, n)));
  double t = 0;
  for (auto& q : r) {
    t += gaps.exponential(rate_per_s);
    q.arrival_s = t;
    q.input_tokens = std::max(1L, std::lround(d.input_tokens.draw(in)));
    q.output_tokens = std::max(1L, std::lround(d.output_tokens.draw(out)));
  }
  return r;
}

std::vector<Request> load_request_trace(const std::string& path) {
  std::ifstream f(path);
  if (!f) throw InputError(SourceLocation{path, 0, 0}, "", "cannot open request trace");
  std::vector<Request> r;
  std::string line;
  int ln = 0;
  double last = -1;
  while (std::getline(f, line)) {
    ++ln;
    if (line.empty() || line[0] == '#') continue;
    if (ln == 1 && line.find("arrival") != std::string::npos) continue;
    std::stringstream ss(line);
    std::string a, b, c, extra;
    Request q;
    try {
      if (!std::getline(ss, a, ',') || !std::getline(ss, b, ',') || !std::getline(ss, c, ',') || std::getline(ss, extra, ','))
        throw std::invalid_argument("fields");
      size_t pa = 0, pb = 0, pc = 0;
      q.arrival_s = std::stod(a, &pa);
      q.input_tokens = std::stol(b, &pb);
      q.output_tokens = std::stol(c, &pc);
    } catch (const std::exception&) {
      throw InputError(SourceLocation{path, ln, 1}, "",
                       "expected arrival_s,input_tokens,output_tokens (3 numbers), found " + quote_value(line));
    }
    if (q.arrival_s < last || q.arrival_s < 0)
      throw InputError(SourceLocation{path, ln, 1}, "arrival_s", "expected non-decreasing arrival times >= 0");
    if (q.input_tokens < 1 || q.output_tokens < 1)
      throw InputError(SourceLocation{path, ln, 1}, "", "expected at least 1 input and 1 output token");
    last = q.arrival_s;
    r.push_back(q);
  }
  return r;
}

Percentiles percentiles(std::vector<double> v) {
  Percentiles p;
  if (v.empty()) return p;
  std::sort(v.begin(), v.end());
  auto rank = [&](double q) { return v[std::min(v.size() - 1, static_cast<size_t>(std::ceil(q * v.size())) - 1)]; };
  p.p50 = rank(0.50);
  p.p90 = rank(0.90);
  p.p99 = rank(0.99);
  double sum = 0;
  for (double x : v) sum += x;
  p.mean = sum / double(v.size());
  return p;
}

double time_average_in_system(const ServingRun& run) {
  if (run.end_s <= run.start_s) return 0;
  double area = 0, t = run.start_s;
  long n = 0;
  for (const auto& e : run.system_log) {
    area += double(n) * (e.time_s - t);
    t = e.time_s;
    n += e.delta;
  }
  return area / (run.end_s - run.start_s);
}

namespace {

enum class Ev { Arrival, PrefillDone, KvArrived, DecodeStep };
struct Event {
  double t;
  long seq;
  Ev kind;
  long index;
  bool operator>(const Event& o) const { return t != o.t ? t > o.t : seq > o.seq; }
};

struct Active {
  long req;
  double generated;  // output tokens produced so far (the first came from prefill)
  double context;    // tokens in its KV cache
};

struct DecodeInstance {
  std::vector<Active> active;
  double context_sum = 0;
  bool stepping = false;
  double step_start = 0;
};

struct PrefillInstance {
  std::vector<long> batch;
  bool busy = false;
};

}  // namespace

ServingRun simulate_serving(const ServingModel& s, const std::vector<Request>& reqs, bool keep_trace) {
  ServingRun run;
  const Deployment& d = s.dep;
  run.requests.resize(reqs.size());
  for (size_t i = 0; i < reqs.size(); ++i) {
    run.requests[i].arrival_s = reqs[i].arrival_s;
    run.requests[i].input_tokens = reqs[i].input_tokens;
    run.requests[i].output_tokens = reqs[i].output_tokens;
  }
  if (reqs.empty()) return run;
  std::priority_queue<Event, std::vector<Event>, std::greater<Event>> q;
  long seq = 0;
  for (size_t i = 0; i < reqs.size(); ++i) q.push({reqs[i].arrival_s, seq++, Ev::Arrival, static_cast<long>(i)});

  const double dies = std::max(1, s.chip.dies);
  const long prefill_capacity_tokens = d.prefill_batch_tokens * d.prefill.npus_per_instance;
  const long decode_capacity = d.batch_limit_per_npu * d.decode.npus_per_instance;
  std::vector<PrefillInstance> prefill(static_cast<size_t>(d.prefill.instances));
  std::vector<DecodeInstance> decode(static_cast<size_t>(d.decode.instances));
  std::deque<long> prefill_queue, decode_queue;
  // Everything of a step but the attention core depends only on the batch: cached per active count.
  std::vector<std::optional<DecodeStep>> fixed_cache(static_cast<size_t>(decode_capacity + 1));
  std::map<std::pair<long, long>, double> prefill_cache;
  run.start_s = reqs.front().arrival_s;
  double last_t = run.start_s, active_area = 0;
  long active_total = 0;

  auto account = [&](double t) {  // decode occupancy integral up to t
    active_area += double(active_total) * (t - last_t);
    last_t = t;
  };
  auto start_prefill = [&](size_t i, double t) {
    PrefillInstance& p = prefill[i];
    if (p.busy || prefill_queue.empty()) return;
    long tokens = 0;
    double len_sum = 0;
    p.batch.clear();
    while (!prefill_queue.empty()) {
      const long r = prefill_queue.front();
      if (!p.batch.empty() && tokens + reqs[r].input_tokens > prefill_capacity_tokens) break;
      tokens += reqs[r].input_tokens;
      len_sum += double(reqs[r].input_tokens);
      p.batch.push_back(r);
      prefill_queue.pop_front();
    }
    const long n = static_cast<long>(p.batch.size());
    const long per_die = static_cast<long>(std::ceil(double(n) / double(s.prefill_dies)));
    const long len = std::max(1L, std::lround(len_sum / double(n) / 16.0) * 16);
    auto key = std::make_pair(per_die, len);
    auto it = prefill_cache.find(key);
    if (it == prefill_cache.end()) it = prefill_cache.emplace(key, prefill_batch(s, per_die, len).time_s).first;
    const double dt = it->second;
    for (long r : p.batch) run.requests[r].prefill_start_s = t;
    p.busy = true;
    ++run.prefill_batches;
    if (keep_trace)
      run.trace.add(Span{"prefill " + std::to_string(i), "prefill", "batch", t, t + dt,
                         {{"requests", std::to_string(n)}, {"tokens", std::to_string(tokens)}}});
    q.push({t + dt, seq++, Ev::PrefillDone, static_cast<long>(i)});
  };
  auto step_time = [&](DecodeInstance& inst) {
    const long n = static_cast<long>(inst.active.size());
    const double per_die = double(n) / (dies * double(d.decode.npus_per_instance));
    auto& fixed = fixed_cache[static_cast<size_t>(n)];
    if (!fixed) fixed = decode_step_without_attention(s, per_die);
    return with_attention(s, *fixed, inst.context_sum / double(n)).time_s;
  };
  auto start_decode = [&](size_t i, double t) {
    DecodeInstance& inst = decode[i];
    if (inst.stepping) return;
    while (!decode_queue.empty() && static_cast<long>(inst.active.size()) < decode_capacity) {
      const long r = decode_queue.front();
      decode_queue.pop_front();
      run.requests[r].decode_join_s = t;
      const double ctx = double(reqs[r].input_tokens) + 1.0;
      inst.active.push_back({r, 1.0, ctx});
      inst.context_sum += ctx;
    }
    if (inst.active.empty()) return;
    const double dt = step_time(inst);
    inst.stepping = true;
    inst.step_start = t;
    ++run.decode_steps;
    const double per_npu = double(inst.active.size()) / double(d.decode.npus_per_instance);
    run.decode_batch_max_per_npu = std::max(run.decode_batch_max_per_npu, per_npu);
    if (keep_trace)
      run.trace.add(Span{"decode " + std::to_string(i), "decode", "step", t, t + dt,
                         {{"batch_per_npu", std::to_string(per_npu)}}});
    q.push({t + dt, seq++, Ev::DecodeStep, static_cast<long>(i)});
  };
  auto complete = [&](long r, double t) {
    run.requests[r].done_s = t;
    run.system_log.push_back({t, -1});
    run.end_s = std::max(run.end_s, t);
  };

  while (!q.empty()) {
    const Event e = q.top();
    q.pop();
    account(e.t);
    switch (e.kind) {
      case Ev::Arrival:
        run.system_log.push_back({e.t, +1});
        prefill_queue.push_back(e.index);
        for (size_t i = 0; i < prefill.size() && !prefill_queue.empty(); ++i) start_prefill(i, e.t);
        break;
      case Ev::PrefillDone: {
        PrefillInstance& p = prefill[static_cast<size_t>(e.index)];
        p.busy = false;
        for (long r : p.batch) {
          run.requests[r].first_token_s = e.t;
          if (reqs[r].output_tokens <= 1) complete(r, e.t);
          else q.push({e.t + kv_transfer_s(s, double(reqs[r].input_tokens)), seq++, Ev::KvArrived, r});
        }
        p.batch.clear();
        start_prefill(static_cast<size_t>(e.index), e.t);
        break;
      }
      case Ev::KvArrived: {
        decode_queue.push_back(e.index);
        // Least-loaded idle instance first (deterministic: lowest index on ties).
        for (size_t i = 0; i < decode.size() && !decode_queue.empty(); ++i) {
          if (decode[i].stepping) continue;
          const long before = static_cast<long>(decode[i].active.size());
          start_decode(i, e.t);
          active_total += static_cast<long>(decode[i].active.size()) - before;
        }
        break;
      }
      case Ev::DecodeStep: {
        DecodeInstance& inst = decode[static_cast<size_t>(e.index)];
        inst.stepping = false;
        std::vector<Active> keep;
        keep.reserve(inst.active.size());
        inst.context_sum = 0;
        for (Active a : inst.active) {
          a.generated += s.tokens_per_step;
          a.context += s.tokens_per_step;
          if (a.generated >= double(reqs[a.req].output_tokens) - 1e-9) {
            complete(a.req, e.t);
            --active_total;
          } else {
            inst.context_sum += a.context;
            keep.push_back(a);
          }
        }
        inst.active.swap(keep);
        const long before = static_cast<long>(inst.active.size());
        start_decode(static_cast<size_t>(e.index), e.t);
        active_total += static_cast<long>(inst.active.size()) - before;
        break;
      }
    }
  }
  const double span = run.end_s - run.start_s;
  const double npus = double(d.decode.instances * d.decode.npus_per_instance);
  run.decode_npu_seconds_busy = active_area / npus;
  run.decode_batch_mean_per_npu = span > 0 ? active_area / npus / span : 0;
  return run;
}

}  // namespace ascendsim
