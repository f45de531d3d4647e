// SimGrid execution of communication patterns (see comm_simulation.hpp). A collective is one actor
// per rank on its chip's host, each posting its step's receives and sends on per-pair mailboxes and
// waiting for them before the next step, so only the current step's comms exist (DESIGN.md "SimGrid
// at scale"). A flow set is one driver actor that starts host-to-host comms as they become ready.
#include "sim/engine/comm_simulation.hpp"

#include <simgrid/s4u.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <queue>
#include <stdexcept>
#include <unordered_map>

#include "sim/config/input_error.hpp"
#include "sim/platform/platform_xml_check.hpp"
#include "sim/engine/chip_hosts.hpp"
#include "sim/engine/simgrid_process.hpp"
#include "sim/engine/simgrid_setup.hpp"

namespace sg = simgrid::s4u;

namespace ascendsim {

namespace {

std::uint64_t payload(double bytes) { return static_cast<std::uint64_t>(std::llround(std::max(0.0, bytes))); }

// Mailbox of the ordered pair (src chip, dst chip): FIFO per pair keeps step k matched with step k.
class PairMailboxes {
 public:
  sg::Mailbox* get(int src_chip, int dst_chip) {
    const std::uint64_t key = (static_cast<std::uint64_t>(src_chip) << 32) | static_cast<std::uint32_t>(dst_chip);
    auto it = boxes_.find(key);
    if (it != boxes_.end()) return it->second;
    sg::Mailbox* mb = sg::Mailbox::by_name("p" + std::to_string(src_chip) + ">" + std::to_string(dst_chip));
    boxes_.emplace(key, mb);
    return mb;
  }
 private:
  std::unordered_map<std::uint64_t, sg::Mailbox*> boxes_;
};

[[noreturn]] void spec_error(const std::string& option, const std::string& msg) {
  if (option.empty()) throw std::invalid_argument(msg);
  throw InputError(SourceLocation{"command line", 0, 0}, option, msg);
}

CollectiveResult run_collective(const CollectiveSpec& given, const ChipHosts& hosts, PairMailboxes& boxes) {
  CollectiveSpec spec = given;
  if (spec.first_chips > 0) {
    if (spec.first_chips > hosts.count())
      spec_error(spec.chips_option, "expected 1.." + std::to_string(hosts.count()) + " (chips on the platform), found " +
                                        std::to_string(spec.first_chips));
    spec.chips.resize(spec.first_chips);
    for (int i = 0; i < spec.first_chips; ++i) spec.chips[i] = i;
  }
  const int n = static_cast<int>(spec.chips.size());
  if (n < 1) throw std::invalid_argument("collective: no chips given");
  for (int c : spec.chips)
    if (!hosts.has(c))
      throw std::invalid_argument("collective: chip " + std::to_string(c) + " is not on the platform " +
                                  (c >= 0 && c < hosts.count() ? std::string("(not in this subset file)")
                                                               : "(chips 0.." + std::to_string(hosts.count() - 1) + ")"));
  if (!std::isfinite(spec.bytes) || spec.bytes < 0) throw std::invalid_argument("collective: bytes must be >= 0");
  if (!std::isfinite(spec.reduce_Bps) || spec.reduce_Bps < 0)
    throw std::invalid_argument("collective: reduce_Bps must be >= 0");
  CollectiveResult res;
  res.op = spec.op;
  res.ranks = n;
  res.bytes = spec.bytes;
  res.ranks_per_node = spec.ranks_per_node > 0 ? spec.ranks_per_node : uniform_ranks_per_node(hosts, spec.chips);
  std::string why;
  auto alg = resolve_algorithm(spec.op, spec.algorithm, n, res.ranks_per_node, &why);
  if (!alg) spec_error(spec.algorithm_option, why);
  res.algorithm = *alg;
  auto program = make_rank_program(spec.op, *alg, n, spec.bytes, std::max(1, res.ranks_per_node));

  const double t0 = sg::Engine::get_clock();
  std::uint64_t messages = 0;
  static int token = 0;  // the payload pointer carried by every message; its content is never read
  std::vector<sg::ActorPtr> actors;
  actors.reserve(n);
  for (int r = 0; r < n; ++r) {
    if (program->steps(r) == 0) continue;
    actors.push_back(sg::Actor::create("rank" + std::to_string(r), hosts.host[spec.chips[r]], [&, r]() {
      RankStep st;
      std::vector<sg::CommPtr> pending;
      std::vector<void*> sinks;
      const int me = spec.chips[r];
      for (int k = 0; k < program->steps(r); ++k) {
        program->step(r, k, st);
        if (st.sends.size() == 1 && st.recvs.size() == 1) {
          // The common case (ring, halving-doubling, pairwise): 3 simcalls instead of 4.
          sg::CommPtr out = boxes.get(me, spec.chips[st.sends[0].peer])->put_async(&token, payload(st.sends[0].bytes));
          boxes.get(spec.chips[st.recvs[0].peer], me)->get<void>();
          out->wait();
          ++messages;
          if (spec.reduce_Bps > 0 && st.reduce_bytes > 0) sg::this_actor::sleep_for(st.reduce_bytes / spec.reduce_Bps);
          continue;
        }
        pending.clear();
        sinks.assign(st.recvs.size(), nullptr);
        for (std::size_t i = 0; i < st.recvs.size(); ++i)
          pending.push_back(boxes.get(spec.chips[st.recvs[i].peer], me)->get_async<void>(&sinks[i]));
        for (const Transfer& t : st.sends)
          pending.push_back(boxes.get(me, spec.chips[t.peer])->put_async(&token, payload(t.bytes)));
        sg::Comm::wait_all(pending);
        messages += st.sends.size();
        if (spec.reduce_Bps > 0 && st.reduce_bytes > 0) sg::this_actor::sleep_for(st.reduce_bytes / spec.reduce_Bps);
      }
    }));
  }
  for (auto& a : actors) a->join();
  res.time_s = sg::Engine::get_clock() - t0;
  res.messages = messages;
  res.algbw_Bps = res.time_s > 0 ? spec.bytes / res.time_s : 0;
  res.busbw_Bps = res.algbw_Bps * bus_bandwidth_factor(spec.op, n);
  return res;
}

// Event-driven start of flows: a min-heap of (time, kind, index) releases phases and flows; started
// comms are waited with wait_any_for (timeout = next release), one finished comm per wake-up.
FlowSetResult run_flow_set(const FlowSet& set, const ChipHosts& hosts) {
  validate_flow_set(set, hosts.count());
  for (std::size_t i = 0; i < set.flows.size(); ++i)
    for (int c : {set.flows[i].src_chip, set.flows[i].dst_chip})
      if (!hosts.has(c))
        throw std::invalid_argument("flow set: flow " + std::to_string(i) + ": chip " + std::to_string(c) +
                                    " is not in this subset platform file");
  const int nf = static_cast<int>(set.flows.size());
  const int np = set.phases.empty() ? 1 : static_cast<int>(set.phases.size());
  auto phase = [&](int p) { return set.phases.empty() ? FlowPhase{} : set.phases[p]; };
  FlowSetResult res;
  res.start_s.assign(nf, -1);
  res.finish_s.assign(nf, -1);
  res.phase_start_s.assign(np, -1);
  res.phase_finish_s.assign(np, -1);
  std::vector<std::vector<int>> phase_flows(np), phase_children(np), flow_children(nf);
  std::vector<int> phase_left(np, 0), phase_deps(np, 0);
  for (int i = 0; i < nf; ++i) {
    phase_flows[set.flows[i].phase].push_back(i);
    ++phase_left[set.flows[i].phase];
    if (set.flows[i].after_flow >= 0) flow_children[set.flows[i].after_flow].push_back(i);
  }
  for (int p = 0; p < np; ++p)
    for (int a : phase(p).after_phases) { phase_children[a].push_back(p); ++phase_deps[p]; }

  enum Kind { PhaseStart = 0, FlowStart = 1 };
  using Event = std::tuple<double, int, int>;  // time, kind, index: deterministic order on ties
  std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
  for (int p = 0; p < np; ++p)
    if (phase_deps[p] == 0) events.emplace(phase(p).delay_s, PhaseStart, p);

  const double t0 = sg::Engine::get_clock();
  auto now = [&] { return sg::Engine::get_clock() - t0; };
  std::vector<sg::CommPtr> active;
  std::vector<int> active_flow;

  std::function<void(int, double)> finish_phase;
  auto finish_flow = [&](int i, double t) {
    res.finish_s[i] = t;
    for (int c : flow_children[i])
      if (res.phase_start_s[set.flows[c].phase] >= 0) events.emplace(t + set.flows[c].delay_s, FlowStart, c);
    const int p = set.flows[i].phase;
    if (--phase_left[p] == 0) finish_phase(p, t);
  };
  finish_phase = [&](int p, double t) {
    res.phase_finish_s[p] = t;
    for (int c : phase_children[p])
      if (--phase_deps[c] == 0) events.emplace(t + phase(c).delay_s, PhaseStart, c);
  };
  auto handle = [&](const Event& e, double t) {
    const int idx = std::get<2>(e);
    if (std::get<1>(e) == PhaseStart) {
      res.phase_start_s[idx] = t;
      for (int f : phase_flows[idx]) {
        const int after = set.flows[f].after_flow;
        if (after < 0 || res.finish_s[after] >= 0) events.emplace(t + set.flows[f].delay_s, FlowStart, f);
      }
      if (phase_flows[idx].empty()) finish_phase(idx, t);
      return;
    }
    const Flow& f = set.flows[idx];
    res.start_s[idx] = t;
    if (f.src_chip == f.dst_chip || f.bytes <= 0) { finish_flow(idx, t); return; }
    active.push_back(sg::Comm::sendto_async(hosts.host[f.src_chip], hosts.host[f.dst_chip], payload(f.bytes)));
    active_flow.push_back(idx);
  };

  while (true) {
    const double t = now();
    const double tolerance = 1e-12 * std::max(1.0, t);
    bool handled = false;
    while (!events.empty() && std::get<0>(events.top()) <= t + tolerance) {
      const Event e = events.top();
      events.pop();
      handle(e, t);
      handled = true;
    }
    if (handled) continue;  // handling may have released more events due now
    if (active.empty()) {
      if (events.empty()) break;
      sg::this_actor::sleep_for(std::get<0>(events.top()) - t);
      continue;
    }
    const double timeout = events.empty() ? -1.0 : std::max(0.0, std::get<0>(events.top()) - t);
    const ssize_t got = sg::Comm::wait_any_for(active, timeout);
    if (got < 0) continue;
    // Only the finished comm leaves the set (swap with the last: O(1)); others that finished at the
    // same instant are returned by the next wait_any_for at once, with the same clock. Testing every
    // active comm here instead cost one simcall per active flow per wake-up.
    const int done = active_flow[std::size_t(got)];
    active[std::size_t(got)] = std::move(active.back());
    active_flow[std::size_t(got)] = active_flow.back();
    active.pop_back();
    active_flow.pop_back();
    finish_flow(done, now());
  }
  for (double f : res.finish_s) res.makespan_s = std::max(res.makespan_s, f);
  for (double f : res.phase_finish_s) res.makespan_s = std::max(res.makespan_s, f);
  return res;
}

// In the parent, before forking: a bad file is a located input error, not SimGrid's raw message.
void require_readable(const std::string& path) { validate_platform_xml(path); }

}  // namespace

namespace {

void put_vector(ByteWriter& w, const std::vector<double>& v) {
  w.u64(v.size());
  for (double x : v) w.f64(x);
}
std::vector<double> get_vector(ByteReader& r) {
  std::vector<double> v(r.u64());
  for (double& x : v) x = r.f64();
  return v;
}

// Runs in the simulation child: one engine, one platform load, every pattern in turn.
std::string simulate_in_this_process(const std::string& platform_path, const std::vector<CommPattern>& patterns) {
  auto engine = make_simgrid_engine();
  engine->load_platform(platform_path);
  const ChipHosts hosts = find_chip_hosts(*engine, platform_path);
  ByteWriter w;
  std::exception_ptr failure;
  // Exceptions must not cross SimGrid's context switch: keep the first and rethrow after run().
  sg::Actor::create("patterns", hosts.first(), [&]() {
    try {
      PairMailboxes boxes;
      for (const auto& p : patterns) {
        if (const auto* c = std::get_if<CollectiveSpec>(&p)) {
          const CollectiveResult r = run_collective(*c, hosts, boxes);
          w.u64(0);
          w.u64(static_cast<unsigned long long>(r.op));
          w.u64(static_cast<unsigned long long>(r.algorithm));
          w.u64(static_cast<unsigned long long>(r.ranks));
          w.u64(static_cast<unsigned long long>(r.ranks_per_node));
          w.f64(r.bytes);
          w.f64(r.time_s);
          w.f64(r.algbw_Bps);
          w.f64(r.busbw_Bps);
          w.u64(r.messages);
        } else {
          const FlowSetResult r = run_flow_set(std::get<FlowSet>(p), hosts);
          w.u64(1);
          w.f64(r.makespan_s);
          put_vector(w, r.start_s);
          put_vector(w, r.finish_s);
          put_vector(w, r.phase_start_s);
          put_vector(w, r.phase_finish_s);
        }
      }
    } catch (...) {
      failure = std::current_exception();
    }
  });
  engine->run();
  if (failure) std::rethrow_exception(failure);
  return w.bytes();
}

}  // namespace

std::vector<CommPatternResult> simulate_comm_patterns(const std::string& platform_path,
                                                      const std::vector<CommPattern>& patterns) {
  require_readable(platform_path);
  const std::string bytes = run_simgrid_in_child([&] { return simulate_in_this_process(platform_path, patterns); });
  ByteReader r(bytes);
  std::vector<CommPatternResult> results;
  results.reserve(patterns.size());
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    if (r.u64() == 0) {
      CollectiveResult c;
      c.op = static_cast<CollectiveOp>(r.u64());
      c.algorithm = static_cast<CollectiveAlgorithm>(r.u64());
      c.ranks = static_cast<int>(r.u64());
      c.ranks_per_node = static_cast<int>(r.u64());
      c.bytes = r.f64();
      c.time_s = r.f64();
      c.algbw_Bps = r.f64();
      c.busbw_Bps = r.f64();
      c.messages = r.u64();
      results.emplace_back(c);
    } else {
      FlowSetResult f;
      f.makespan_s = r.f64();
      f.start_s = get_vector(r);
      f.finish_s = get_vector(r);
      f.phase_start_s = get_vector(r);
      f.phase_finish_s = get_vector(r);
      results.emplace_back(std::move(f));
    }
  }
  return results;
}

CollectiveResult simulate_collective(const std::string& platform_path, const CollectiveSpec& spec) {
  return std::get<CollectiveResult>(simulate_comm_patterns(platform_path, {spec}).front());
}

FlowSetResult simulate_flow_set(const std::string& platform_path, const FlowSet& set) {
  return std::get<FlowSetResult>(simulate_comm_patterns(platform_path, {set}).front());
}

int PlatformChipSummary::ranks_per_node_first_n(int n) const {
  ChipHosts h;
  h.node = node;
  std::vector<int> chips;
  for (int i = 0; i < n && i < chip_count; ++i) chips.push_back(i);
  return uniform_ranks_per_node(h, chips);
}

PlatformChipSummary summarize_platform_chips(const std::string& platform_path) {
  require_readable(platform_path);
  const std::string bytes = run_simgrid_in_child([&] {
    auto engine = make_simgrid_engine();
    engine->load_platform(platform_path);
    const ChipHosts hosts = find_chip_hosts(*engine, platform_path);
    ByteWriter w;
    w.u64(hosts.node.size());
    for (const auto& n : hosts.node) w.str(n);
    return w.bytes();
  });
  ByteReader r(bytes);
  PlatformChipSummary s;
  s.node.resize(r.u64());
  for (auto& n : s.node) n = r.str();
  s.chip_count = static_cast<int>(s.node.size());
  return s;
}

}  // namespace ascendsim
