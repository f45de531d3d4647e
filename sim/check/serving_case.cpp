#include "sim/check/serving_case.hpp"

#include "sim/config/toml_reader.hpp"

namespace ascendsim {

ServingCase load_serving_case(const std::string& path) {
  TomlDocument doc = TomlDocument::load(path);
  Section root = doc.root();
  ServingCase c;
  c.path = path;
  root.choice("kind", {"serving-case"});
  c.name = root.string("name");
  c.args = root.string("args");
  c.key = root.string("key");
  c.published = root.number("published", 0.0, 1e300);
  c.source = root.string("published_source");
  c.rule = root.choice("rule", {"fitted", "10%", "outside"});
  c.outside_reason = root.string_or("outside_reason", "");
  if (c.rule == "outside" && c.outside_reason.empty())
    root.error("rule", "a case outside the 10% rule must say why in outside_reason");
  c.expected = root.number("expected", 0.0, 1e300);
  doc.finish();
  return c;
}

}  // namespace ascendsim
