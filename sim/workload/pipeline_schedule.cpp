#include "sim/workload/pipeline_schedule.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/topological_sort.hpp>
#include <limits>
#include <queue>
#include <stdexcept>
#include <tuple>

namespace ascendsim {

const char* pipeline_kind_name(PipelineKind k) {
  switch (k) {
    case PipelineKind::GPipe: return "gpipe";
    case PipelineKind::OneFOneB: return "1f1b";
    case PipelineKind::Interleaved: return "interleaved";
    case PipelineKind::DualPipe: return "dualpipe";
  }
  return "?";
}

namespace {

struct Op {
  int device, chunk, direction, microbatch;
  bool backward;
  double duration;
  int remaining_deps = 0;
  double ready_s = 0;        // max over finished dependencies of (end + lag)
  std::vector<int> succ;     // data successors
  double start_s = -1, end_s = -1;
};

struct Builder {
  const PipelineInput& in;
  int p, v, chunks, dirs;
  std::vector<Op> ops;
  std::vector<int> index;  // (dir, chunk, mb, bwd) -> op id, -1 if absent

  explicit Builder(const PipelineInput& input) : in(input) {
    p = in.stages;
    v = in.kind == PipelineKind::Interleaved ? in.virtual_stages : 1;
    dirs = in.kind == PipelineKind::DualPipe ? 2 : 1;
    chunks = p * v;
  }
  int key(int dir, int chunk, int mb, bool bwd) const {
    return ((dir * chunks + chunk) * in.microbatches + mb) * 2 + (bwd ? 1 : 0);
  }
  int device_of(int dir, int chunk) const { return dir == 0 ? chunk % p : p - 1 - chunk % p; }
};

}  // namespace

namespace {

// The list schedule. `given_order` (DualPipe only) fixes each device's op order; `order_out` receives
// the realised per-device order.
PipelineResult simulate_impl(const PipelineInput& in, const std::vector<std::vector<int>>* given_order,
                             std::vector<std::vector<int>>* order_out) {
  if (in.stages < 1 || in.microbatches < 1 || in.virtual_stages < 1)
    throw std::invalid_argument("pipeline: stages, microbatches and virtual stages must be positive");
  Builder b(in);
  if (static_cast<int>(in.forward_s.size()) != b.chunks || static_cast<int>(in.backward_s.size()) != b.chunks)
    throw std::invalid_argument("pipeline: need one forward and one backward time per chunk");
  if (in.kind == PipelineKind::DualPipe && in.microbatches % 2 != 0)
    throw std::invalid_argument("pipeline: DualPipe needs an even number of microbatches");

  // Microbatch j belongs to direction j % 2 under DualPipe, else direction 0.
  auto dir_of = [&](int mb) { return b.dirs == 2 ? mb % 2 : 0; };
  b.index.assign(static_cast<std::size_t>(2 * b.dirs * b.chunks * in.microbatches), -1);
  for (int mb = 0; mb < in.microbatches; ++mb) {
    const int dir = dir_of(mb);
    for (int c = 0; c < b.chunks; ++c)
      for (bool bwd : {false, true}) {
        Op op{b.device_of(dir, c), c, dir, mb, bwd, bwd ? in.backward_s[c] : in.forward_s[c], 0, 0, {}, -1, -1};
        b.index[b.key(dir, c, mb, bwd)] = static_cast<int>(b.ops.size());
        b.ops.push_back(op);
      }
  }
  // Data dependencies: F(c) -> F(c+1); F(last) -> B(last); B(c+1) -> B(c). Lag p2p across chunks.
  struct Edge { int from, to; double lag; };
  std::vector<Edge> data_edges;
  for (int mb = 0; mb < in.microbatches; ++mb) {
    const int dir = dir_of(mb);
    for (int c = 0; c < b.chunks; ++c) {
      const int f = b.index[b.key(dir, c, mb, false)];
      const int bw = b.index[b.key(dir, c, mb, true)];
      if (c + 1 < b.chunks) {
        data_edges.push_back({f, b.index[b.key(dir, c + 1, mb, false)], in.p2p_s});
        data_edges.push_back({b.index[b.key(dir, c + 1, mb, true)], bw, in.p2p_s});
      } else {
        data_edges.push_back({f, bw, 0.0});
      }
    }
  }
  for (const auto& e : data_edges) {
    b.ops[e.from].succ.push_back(e.to);
    b.ops[e.to].remaining_deps++;
  }
  std::vector<double> lag_to(b.ops.size(), 0.0);  // lag of each op's incoming data edge (one per op)
  for (const auto& e : data_edges) lag_to[e.to] = e.lag;

  // In-flight cap per device and direction, counted in forward chunk-ops whose backward is pending.
  auto cap = [&](int device, int dir) -> int {
    const int s = dir == 0 ? device : b.p - 1 - device;  // stage index within the direction
    switch (in.kind) {
      case PipelineKind::GPipe: return std::numeric_limits<int>::max();
      case PipelineKind::OneFOneB: return b.p - s;
      case PipelineKind::DualPipe: return b.p - s;
      case PipelineKind::Interleaved: return (b.v - 1) * b.p + 2 * (b.p - s - 1) + 1;  // Megatron warm-up + 1
    }
    return 1;
  };
  // Priority among ready ops on a device: backward first; forward in Megatron's order (groups of p
  // microbatches, chunk-major within a group); earlier microbatches first.
  auto priority = [&](const Op& o) {
    const int local = o.chunk / b.p;
    const int group = o.microbatch / b.p;
    if (o.backward) return std::make_tuple(0, group, b.v - 1 - local, o.microbatch);
    return std::make_tuple(1, group, local, o.microbatch);
  };

  // 1F1B, interleaved and GPipe follow Megatron's fixed per-device order: W warm-up forwards, then
  // alternate one forward and one backward, then W cool-down backwards. The k-th forward on a
  // device is local chunk (k / p) % v of microbatch (k / (p v)) p + k % p; backwards mirror it.
  const bool fixed_order = in.kind != PipelineKind::DualPipe || given_order != nullptr;
  std::vector<std::vector<int>> order(static_cast<std::size_t>(b.p));
  if (given_order) order = *given_order;
  std::vector<std::size_t> next_pos(static_cast<std::size_t>(b.p), 0);
  if (fixed_order && !given_order) {
    if (in.kind == PipelineKind::Interleaved && b.v > 1 && in.microbatches % b.p != 0)
      throw std::invalid_argument("pipeline: the interleaved schedule needs microbatches to be a multiple of stages");
    const int total = in.microbatches * b.v;
    for (int s = 0; s < b.p; ++s) {
      auto op_of = [&](int k, bool bwd) {
        const int local = bwd ? b.v - 1 - (k / b.p) % b.v : (k / b.p) % b.v;
        const int mb = b.v == 1 ? k : (k / (b.p * b.v)) * b.p + k % b.p;
        return b.index[b.key(0, local * b.p + s, mb, bwd)];
      };
      int warmup = in.kind == PipelineKind::GPipe ? total
                   : b.v == 1                      ? b.p - s - 1
                                                   : (b.p - s - 1) * 2 + (b.v - 1) * b.p;
      warmup = std::min(warmup, total);
      auto& o = order[static_cast<std::size_t>(s)];
      for (int k = 0; k < warmup; ++k) o.push_back(op_of(k, false));
      for (int i = 0; i < total - warmup; ++i) {
        o.push_back(op_of(warmup + i, false));
        o.push_back(op_of(i, true));
      }
      for (int k = total - warmup; k < total; ++k) o.push_back(op_of(k, true));
    }
  }

  std::vector<std::vector<int>> ready(static_cast<std::size_t>(b.p));
  std::vector<int> in_flight(static_cast<std::size_t>(b.p * b.dirs), 0);
  std::vector<double> device_free(static_cast<std::size_t>(b.p), 0.0);
  std::vector<bool> device_busy(static_cast<std::size_t>(b.p), false);
  std::vector<std::vector<int>> device_order(static_cast<std::size_t>(b.p));
  using Event = std::pair<double, int>;  // (end time, op)
  std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
  for (std::size_t i = 0; i < b.ops.size(); ++i)
    if (b.ops[i].remaining_deps == 0) ready[b.ops[i].device].push_back(static_cast<int>(i));

  double now = 0;
  std::size_t done = 0;
  auto dispatch = [&](int d) {
    if (device_busy[d]) return;
    int best = -1;
    if (fixed_order) {
      if (next_pos[d] >= order[d].size()) return;
      const int id = order[d][next_pos[d]];
      const auto it = std::find(ready[d].begin(), ready[d].end(), id);
      if (it == ready[d].end() || b.ops[id].ready_s > now + 1e-15) return;
      best = id;
      ++next_pos[d];
    }
    for (int id : fixed_order ? std::vector<int>{} : ready[d]) {
      const Op& o = b.ops[id];
      if (o.ready_s > now + 1e-15) continue;
      if (!o.backward && in_flight[d * b.dirs + o.direction] >= cap(d, o.direction)) continue;
      if (best < 0 || priority(o) < priority(b.ops[best])) best = id;
    }
    if (best < 0) return;
    Op& o = b.ops[best];
    ready[d].erase(std::find(ready[d].begin(), ready[d].end(), best));
    if (!o.backward) in_flight[d * b.dirs + o.direction]++;
    o.start_s = std::max(now, device_free[d]);
    o.end_s = o.start_s + o.duration;
    device_busy[d] = true;
    device_order[d].push_back(best);
    events.push({o.end_s, best});
  };
  // Times at which a not-yet-ready op becomes ready (after a lag) also need a dispatch.
  std::priority_queue<double, std::vector<double>, std::greater<>> wakeups;
  for (int d = 0; d < b.p; ++d) dispatch(d);
  while (done < b.ops.size()) {
    if (events.empty() && wakeups.empty()) throw std::logic_error("pipeline schedule deadlocked");
    const bool take_event = !events.empty() && (wakeups.empty() || events.top().first <= wakeups.top());
    if (take_event) {
      const auto [t, id] = events.top();
      events.pop();
      now = t;
      Op& o = b.ops[id];
      ++done;
      device_busy[o.device] = false;
      device_free[o.device] = t;
      if (o.backward) {
        // The microbatch leaves this device's in-flight set when its backward for the chunk is done.
        in_flight[o.device * b.dirs + o.direction]--;
      }
      for (int s : o.succ) {
        Op& n = b.ops[s];
        n.ready_s = std::max(n.ready_s, t + lag_to[s]);
        if (--n.remaining_deps == 0) {
          ready[n.device].push_back(s);
          if (n.ready_s > t) wakeups.push(n.ready_s);
        }
      }
    } else {
      now = wakeups.top();
      wakeups.pop();
    }
    for (int d = 0; d < b.p; ++d) dispatch(d);
  }

  if (order_out) *order_out = device_order;
  // The realised DAG in Boost.Graph: data edges (with lag) plus device-order edges; its longest
  // path is the pipeline time, and the ops on it are the critical path.
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                                      boost::property<boost::edge_weight_t, double>>;
  const std::size_t n = b.ops.size();
  Graph g(n);
  for (const auto& e : data_edges) boost::add_edge(static_cast<std::size_t>(e.from), static_cast<std::size_t>(e.to), e.lag, g);
  for (const auto& order : device_order)
    for (std::size_t i = 1; i < order.size(); ++i)
      boost::add_edge(static_cast<std::size_t>(order[i - 1]), static_cast<std::size_t>(order[i]), 0.0, g);
  std::vector<std::size_t> topo;
  boost::topological_sort(g, std::back_inserter(topo));
  std::reverse(topo.begin(), topo.end());
  std::vector<double> finish(n, 0.0);
  std::vector<long> pred(n, -1);
  auto weight = boost::get(boost::edge_weight, g);
  std::vector<double> start(n, 0.0);
  for (std::size_t u : topo) {
    finish[u] = start[u] + b.ops[u].duration;
    for (auto [ei, ee] = boost::out_edges(u, g); ei != ee; ++ei) {
      const std::size_t w = boost::target(*ei, g);
      const double cand = finish[u] + weight[*ei];
      if (pred[w] < 0 || cand > start[w]) {  // start[w] is 0 until its first predecessor is seen
        start[w] = cand;
        pred[w] = static_cast<long>(u);
      }
    }
  }
  PipelineResult r;
  std::size_t last = 0;
  for (std::size_t u = 0; u < n; ++u)
    if (finish[u] > finish[last]) last = u;
  r.critical_path_s = finish[last];
  std::vector<bool> critical(n, false);
  for (long u = static_cast<long>(last); u >= 0; u = pred[static_cast<std::size_t>(u)])
    critical[static_cast<std::size_t>(u)] = true;
  std::vector<double> busy(static_cast<std::size_t>(b.p), 0.0);
  for (std::size_t u = 0; u < n; ++u) {
    const Op& o = b.ops[u];
    r.makespan_s = std::max(r.makespan_s, o.end_s);
    busy[o.device] += o.duration;
    r.ops.push_back({o.device, o.chunk, o.direction, o.microbatch, o.backward, o.start_s, o.end_s, critical[u]});
  }
  r.max_device_busy_s = *std::max_element(busy.begin(), busy.end());
  r.bubble_s = r.makespan_s - r.max_device_busy_s;
  return r;
}

}  // namespace

PipelineResult simulate_pipeline(const PipelineInput& in) {
  if (in.kind != PipelineKind::DualPipe) return simulate_impl(in, nullptr, nullptr);
  // DualPipe: the op order of each device is fixed from a probe run of the greedy list schedule with
  // unit durations (forward 1, backward 2, no hop), which depends only on (p, m). Replaying that
  // order with the real durations is a fixed DAG, so the makespan never falls when any duration
  // grows (a dynamic list schedule can reorder and finish sooner with a slower op).
  PipelineInput probe = in;
  std::fill(probe.forward_s.begin(), probe.forward_s.end(), 1.0);
  std::fill(probe.backward_s.begin(), probe.backward_s.end(), 2.0);
  probe.p2p_s = 0;
  std::vector<std::vector<int>> order;
  simulate_impl(probe, nullptr, &order);
  return simulate_impl(in, &order, nullptr);
}

}  // namespace ascendsim
