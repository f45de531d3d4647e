// Forward pass over the milestone DAG (Boost.Graph topological_sort), then slack and verdict.
#include "sim/timeline/calendar.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/topological_sort.hpp>
#include <cmath>
#include <iterator>
#include <map>

namespace ascendsim {

const ScheduledNode* Schedule::find(const std::string& name) const {
  for (const auto& n : nodes)
    if (n.name == name) return &n;
  return nullptr;
}

namespace {

InputError node_error(const TimelineGraph& g, const TimelineNode& n, const std::string& key, const std::string& msg) {
  SourceLocation where = n.where;
  if (where.file.empty()) where.file = g.file;
  return InputError(where, (n.key_path.empty() ? n.name : n.key_path) + "." + key, msg);
}

}  // namespace

Schedule schedule_timeline(const TimelineGraph& g, ParamSampler& values, const DurationFn& computed) {
  check_timeline_graph(g);
  const std::size_t N = g.nodes.size();
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < N; ++i) index[g.nodes[i].name] = i;

  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  Graph graph(N);
  for (std::size_t i = 0; i < N; ++i)
    for (const auto& d : g.nodes[i].after) boost::add_edge(index.at(d.node), i, graph);
  std::vector<std::size_t> order;
  boost::topological_sort(graph, std::back_inserter(order));
  std::reverse(order.begin(), order.end());

  double last_blackout_day = -1e300;
  for (const auto& w : g.blackouts) last_blackout_day = std::max(last_blackout_day, static_cast<double>(w.last_day));

  Schedule s;
  s.nodes.resize(N);
  std::vector<long> driver_pred(N, -1);
  for (std::size_t v : order) {
    const TimelineNode& n = g.nodes[v];
    ScheduledNode& out = s.nodes[v];
    out.name = n.name;
    out.milestone = n.milestone;
    double start = -1e300;
    auto consider = [&](double t, const std::string& why, long pred) {
      if (t > start) { start = t; out.driver = why; driver_pred[v] = pred; }
    };
    for (const auto& d : n.after) {
      const std::size_t p = index.at(d.node);
      consider(s.nodes[p].finish_day + values(d.lag_s) / 86400.0, "after:" + d.node, static_cast<long>(p));
    }
    if (n.not_before_day) consider(values(*n.not_before_day), "not_before", -1);
    if (g.publication && g.publication->milestone == n.name)
      consider(static_cast<double>(g.publication->opens_day), "publication", -1);
    // Slide out of every blackout window that applies (windows may chain).
    for (bool moved = true; moved;) {
      moved = false;
      for (const auto& w : g.blackouts) {
        if (std::find(w.applies_to.begin(), w.applies_to.end(), n.name) == w.applies_to.end()) continue;
        if (start >= static_cast<double>(w.first_day) && start < static_cast<double>(w.last_day + 1)) {
          start = static_cast<double>(w.last_day + 1);
          out.slid_by = w.name;
          moved = true;
        }
      }
    }
    double dur = 0;
    if (!n.milestone) {
      if (n.computed) {
        if (!computed) throw node_error(g, n, "computed", "duration is computed by the run level, but no run level was given");
        dur = computed(n, start);
      } else {
        dur = values(n.duration_s) / 86400.0;
      }
      if (!(dur >= 0) || !std::isfinite(dur))
        throw node_error(g, n, "duration", "duration must be a finite non-negative number of days, got " + std::to_string(dur));
    }
    out.start_day = start;
    out.duration_days = dur;
    out.finish_day = start + dur;

    auto limit = [&](double day, const char* kind) {
      if (!out.limit_day || day < *out.limit_day) { out.limit_day = day; out.limit_kind = kind; }
    };
    if (n.observed_day) limit(static_cast<double>(*n.observed_day), "observed");
    if (n.deadline_day) limit(static_cast<double>(*n.deadline_day), "deadline");
    if (!g.launch_ready.empty() && g.launch_ready == n.name && !n.deadline_day && !g.blackouts.empty())
      limit(last_blackout_day, "blackout-end");
    if (g.publication && g.publication->milestone == n.name && g.publication->closes_day)
      limit(static_cast<double>(*g.publication->closes_day), "publication");
    if (out.limit_day) out.slack_days = *out.limit_day - out.finish_day;
  }

  // Final milestone: as named, else the node finishing last (the later one in file order on a tie).
  std::size_t fin = 0;
  if (!g.final_milestone.empty()) {
    fin = index.at(g.final_milestone);
  } else {
    for (std::size_t i = 1; i < N; ++i)
      if (s.nodes[i].finish_day >= s.nodes[fin].finish_day) fin = i;
  }
  s.final_milestone = s.nodes[fin].name;
  s.final_day = s.nodes[fin].finish_day;
  // Critical path: walk back through the predecessor that set each start. A node whose date was
  // set by a window or a fixed earliest start ends the chain.
  std::vector<std::string> chain;
  for (long v = static_cast<long>(fin); v >= 0;) {
    s.nodes[v].critical = true;
    chain.push_back(s.nodes[v].name);
    if (!s.nodes[v].slid_by.empty()) break;
    v = driver_pred[v];
  }
  s.critical_path.assign(chain.rbegin(), chain.rend());

  for (const auto& n : s.nodes) {
    if (!n.slack_days) continue;
    if (!s.margin_days || *n.slack_days < *s.margin_days) { s.margin_days = n.slack_days; s.worst_node = n.name; }
  }
  s.fits = !s.margin_days || *s.margin_days >= 0;
  return s;
}

}  // namespace ascendsim
