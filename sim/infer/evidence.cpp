#include "sim/infer/evidence.hpp"

#include "sim/config/toml_reader.hpp"
#include "sim/timeline/timeline_graph.hpp"

namespace ascendsim {

const char* likelihood_kind_name(LikelihoodKind k) {
  switch (k) {
    case LikelihoodKind::ExistedBy: return "existed_by";
    case LikelihoodKind::AtMost: return "at_most";
    case LikelihoodKind::AtLeast: return "at_least";
    case LikelihoodKind::Normal: return "normal";
    case LikelihoodKind::Categorical: return "categorical";
  }
  return "?";
}

Evidence load_evidence(const std::string& path) {
  TomlDocument doc = TomlDocument::load(path);
  Section root = doc.root();
  Evidence e;
  e.path = path;
  root.choice("kind", {"evidence"});
  std::optional<TimelineGraph> calendar;
  if (root.has("calendar_file")) {
    const std::string cal = root.path_ref("calendar_file", "calendar file");
    if (!root.failed()) calendar = load_timeline_file(cal);
  }
  for (const Section& o : root.tables("observation")) {
    Observation ob;
    ob.name = o.string("name");
    ob.output = o.string("output");
    ob.source = o.string("source");
    ob.where = o.location("output");
    const std::string kind =
        o.choice("likelihood", {"existed_by", "at_most", "at_least", "normal", "categorical"});
    ob.on_day = o.date_opt("on");
    if (kind == "existed_by") {
      ob.kind = LikelihoodKind::ExistedBy;
      if (o.has("observed_milestone")) {
        const std::string m = o.string("observed_milestone");
        const TimelineNode* n = calendar ? calendar->find(m) : nullptr;
        if (!calendar) o.error("observed_milestone", "needs calendar_file at the top of the evidence file to read it from");
        else if (!n) o.error("observed_milestone", "the calendar file has no milestone " + quote_value(m));
        else if (!n->observed_day) o.error("observed_milestone", "milestone " + quote_value(m) + " has no observed date in the calendar file");
        else ob.observed = double(*n->observed_day);
        if (o.has("observed")) o.error("observed", "give observed_milestone or observed, not both");
      } else {
        ob.observed = double(o.date("observed"));
      }
      ob.max_lag_days = o.quantity("max_lag", Dimension::Time, 1.0, 1e12) / 86400.0;
    } else if (kind == "at_most" || kind == "at_least") {
      ob.kind = kind == "at_most" ? LikelihoodKind::AtMost : LikelihoodKind::AtLeast;
      ob.bound = o.number("bound", -1e300, 1e300);
    } else if (kind == "normal") {
      ob.kind = LikelihoodKind::Normal;
      ob.observed = o.number("observed", -1e300, 1e300);
      ob.sd = o.number("sd", 1e-300, 1e300);
    } else {
      ob.kind = LikelihoodKind::Categorical;
      if (auto t = o.table_opt("probability"))
        for (const std::string& k : t->keys()) ob.probability[k] = t->number(k, 0.0, 1.0);
      if (ob.probability.empty()) o.error("probability", "a categorical observation needs { VALUE = P(observation | VALUE), ... }");
      ob.otherwise = o.number_or("otherwise", 0.0, 0.0, 1.0);
    }
    if (auto c = o.table_opt("only_if")) {
      ob.only_if_output = c->string("output");
      ob.only_if_equals = c->string("equals");
    }
    e.observations.push_back(ob);
  }
  if (e.observations.empty()) root.error(root.has("observation") ? "observation" : "", "an evidence file needs at least one [[observation]]");
  doc.finish();
  return e;
}

}  // namespace ascendsim
