// Loading and structural checks of the milestone graph. Cycle detection is a Boost.Graph
// depth-first search whose back edge, followed through the DFS tree, names the cycle.
#include "sim/timeline/timeline_graph.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <map>

namespace ascendsim {

const TimelineNode* TimelineGraph::find(const std::string& name) const {
  for (const auto& n : nodes)
    if (n.name == name) return &n;
  return nullptr;
}

namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using Edge = boost::graph_traits<Graph>::edge_descriptor;

struct CycleFinder : boost::default_dfs_visitor {
  std::vector<Vertex>* parent;
  std::optional<std::pair<Vertex, Vertex>>* back;
  void tree_edge(Edge e, const Graph& g) const { (*parent)[boost::target(e, g)] = boost::source(e, g); }
  void back_edge(Edge e, const Graph& g) const {
    if (!*back) *back = std::make_pair(boost::source(e, g), boost::target(e, g));
  }
};

}  // namespace

std::vector<TimelineProblem> find_timeline_problems(const TimelineGraph& g) {
  std::vector<TimelineProblem> out;
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < g.nodes.size(); ++i) {
    if (!index.emplace(g.nodes[i].name, i).second)
      out.push_back({i, "name", "duplicate node name \"" + g.nodes[i].name + "\" (names must be unique)"});
  }
  Graph graph(g.nodes.size());
  for (std::size_t i = 0; i < g.nodes.size(); ++i) {
    const TimelineNode& n = g.nodes[i];
    for (const auto& d : n.after) {
      auto it = index.find(d.node);
      if (it == index.end()) {
        std::string known;
        for (const auto& m : g.nodes) known += (known.empty() ? "" : ", ") + m.name;
        out.push_back({i, "after", "unknown dependency \"" + d.node + "\" of \"" + n.name + "\" (known nodes: " + known + ")"});
      } else {
        boost::add_edge(it->second, i, graph);
      }
    }
    if (n.after.empty() && !n.not_before_day)
      out.push_back({i, "not_before", quote_value(n.name) + " has no dependency and no earliest start: give it `after` or `not_before`"});
  }
  std::vector<Vertex> parent(g.nodes.size());
  for (std::size_t i = 0; i < parent.size(); ++i) parent[i] = i;
  std::optional<std::pair<Vertex, Vertex>> back;
  boost::depth_first_search(graph, boost::visitor(CycleFinder{{}, &parent, &back}));
  if (back) {
    // Back edge u -> v: v is an ancestor of u in the DFS tree, so v -> ... -> u -> v is a cycle.
    const auto [u, v] = *back;
    std::vector<Vertex> chain{u};
    for (Vertex x = u; x != v && parent[x] != x; x = parent[x]) chain.push_back(parent[x]);
    std::reverse(chain.begin(), chain.end());
    std::string text;
    for (Vertex x : chain) text += g.nodes[x].name + " -> ";
    text += g.nodes[v].name;
    out.push_back({v, "after", "dependency cycle: " + text + " (each node must come after the one before it)"});
  }
  return out;
}

void check_timeline_graph(const TimelineGraph& g) {
  const auto problems = find_timeline_problems(g);
  if (problems.empty()) return;
  std::vector<Diagnostic> ds;
  for (const auto& p : problems) {
    const TimelineNode& n = g.nodes[p.node];
    SourceLocation where = n.where;
    if (p.key == "after") {
      for (const auto& d : n.after)
        if (!d.where.file.empty()) { where = d.where; break; }
    }
    if (where.file.empty()) where.file = g.file;
    ds.push_back(Diagnostic{where, n.key_path.empty() ? n.name + "." + p.key : n.key_path + "." + p.key, p.message});
  }
  throw InputError(ds);
}

namespace {

TimelineNode load_node(const Section& s, bool milestone) {
  TimelineNode n;
  n.milestone = milestone;
  n.name = s.string("name");
  n.where = s.location();
  n.key_path = s.path();
  if (!milestone) {
    n.computed = s.boolean_or("computed", false);
    if (n.computed) {
      if (s.has("duration")) s.error("duration", "give either `duration` or `computed = true`, not both");
    } else {
      n.duration_s = s.param("duration", Dimension::Time, 0, 1e12);
    }
  }
  const SourceLocation after_where = s.location("after");
  for (const std::string& pred : s.strings("after")) n.after.push_back(TimelineDependency{pred, Param(0.0), after_where});
  if (auto lags = s.table_opt("lag")) {
    for (const std::string& pred : lags->keys()) {
      auto it = std::find_if(n.after.begin(), n.after.end(), [&](const auto& d) { return d.node == pred; });
      if (it == n.after.end()) {
        lags->error(pred, "lag for \"" + pred + "\", which is not in `after`");
        continue;
      }
      it->lag_s = lags->param(pred, Dimension::Time, -1e12, 1e12);
    }
  }
  if (s.has("not_before")) n.not_before_day = s.param("not_before", Dimension::Date);
  if (milestone) n.observed_day = s.date_opt("observed");
  n.deadline_day = s.date_opt("deadline");
  if (n.observed_day && n.deadline_day)
    s.error("deadline", "give either `observed` or `deadline` for a milestone, not both");
  return n;
}

}  // namespace

TimelineGraph load_timeline_graph(const Section& cal) {
  TimelineGraph g;
  g.file = cal.file();
  std::vector<Section> sections;
  for (const Section& s : cal.tables("phases")) { g.nodes.push_back(load_node(s, false)); sections.push_back(s); }
  for (const Section& s : cal.tables("milestones")) { g.nodes.push_back(load_node(s, true)); sections.push_back(s); }
  if (g.nodes.empty()) cal.error("milestones", "expected at least one [[phases]] or [[milestones]] entry");
  auto known = [&](const std::string& name) { return g.find(name) != nullptr; };
  for (const Section& b : cal.tables("blackouts")) {
    BlackoutWindow w;
    w.name = b.string("name");
    w.first_day = b.date("first");
    w.last_day = b.date("last");
    if (w.last_day < w.first_day) b.error("last", "window ends before it starts (last < first)");
    w.applies_to = b.strings("applies_to");
    if (w.applies_to.empty()) b.error("applies_to", "expected the names of the milestones this window blocks");
    for (const auto& a : w.applies_to)
      if (!known(a)) b.error("applies_to", "unknown node " + quote_value(a));
    g.blackouts.push_back(w);
  }
  if (auto p = cal.table_opt("publication")) {
    PublicationWindow w;
    w.milestone = p->string("milestone");
    w.opens_day = p->date("opens");
    w.closes_day = p->date_opt("closes");
    if (w.closes_day && *w.closes_day < w.opens_day) p->error("closes", "window closes before it opens");
    if (!known(w.milestone)) p->error("milestone", "unknown milestone " + quote_value(w.milestone));
    g.publication = w;
  }
  g.final_milestone = cal.string_or("final", "");
  if (!g.final_milestone.empty() && !known(g.final_milestone))
    cal.error("final", "unknown node " + quote_value(g.final_milestone));
  g.launch_ready = cal.string_or("launch_ready", "");
  if (!g.launch_ready.empty() && !known(g.launch_ready))
    cal.error("launch_ready", "unknown node " + quote_value(g.launch_ready));
  if (!g.launch_ready.empty() && g.blackouts.empty() && known(g.launch_ready) && !g.find(g.launch_ready)->deadline_day)
    cal.error("launch_ready", "needs a blackout window (or a deadline on the node) to be ready by");
  for (const auto& pr : find_timeline_problems(g)) sections[pr.node].error(pr.key == "name" ? "name" : pr.key, pr.message);
  return g;
}

TimelineGraph load_timeline_file(const std::string& path, std::vector<Override>* overrides) {
  TomlDocument doc = TomlDocument::load(path, overrides);
  Section root = doc.root();
  TimelineGraph g;
  if (root.choice("kind", {"timeline"}) == "timeline") g = load_timeline_graph(root.table("calendar"));
  doc.finish();
  return g;
}

}  // namespace ascendsim
