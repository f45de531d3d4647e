// `ascendsim infer` end to end on the cheapest shipped V4 scenario (2,048 H800, one job size):
// the JSON and the terminal carry the same acceptance and ESS, the result does not depend on the
// thread count, the evidence's observed dates come from the calendar file, and bad evidence is a
// located error (exit 2).
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <sstream>
#include <nlohmann/json.hpp>

#include "tests/support/json_schema_lite.hpp"
#include "tests/support/run_cli.hpp"
#include "tests/support/test_files.hpp"

using ascendsim::testing::process_scratch;
using ascendsim::testing::slurp;
using ascendsim::testing::run_cli;
using ascendsim::testing::SchemaLite;

namespace {

const std::string kArgs = "infer timelines/v4-flash-h800.toml --evidence timelines/evidence/v4.toml --draws 60";

nlohmann::json without_provenance(const std::string& text) {
  nlohmann::json j = nlohmann::json::parse(text);
  j.erase("provenance");
  return j;
}

}  // namespace

TEST_CASE("infer: JSON and terminal agree, threads do not change the result", "[infer][cli]") {
  const auto a = run_cli(kArgs + " --threads 1 --json");
  REQUIRE(a.status == 0);
  const auto b = run_cli(kArgs + " --threads 2 --json");
  REQUIRE(b.status == 0);
  {
    // The document validates against its published schema (docs/schema/infer.schema.json).
    const SchemaLite schema(std::filesystem::path(ASCENDSIM_SOURCE_DIR) / "docs" / "schema" / "infer.schema.json");
    const auto errors = schema.validate(nlohmann::json::parse(a.out));
    std::string all;
    for (const auto& e : errors) all += e + "\n";
    INFO(all);
    CHECK(errors.empty());
  }
  const nlohmann::json ja = without_provenance(a.out), jb = without_provenance(b.out);
  CHECK(ja == jb);
  CHECK(ja["draws"] == 60);
  CHECK(ja["alternatives"].size() == 1);
  // The checkpoint's observed date is the calendar file's (timelines/calendar/v4-observed.toml).
  bool found = false;
  for (const auto& m : ja["milestones"])
    if (m["name"] == "milestones.checkpoint-0211") {
      found = true;
      CHECK(m["observed"] == "2026-02-11");
    }
  CHECK(found);
  // The H800 scenario trains on NVIDIA: the categorical observation gives every draw 0.2, so the
  // posterior of the chip stays at 100% and the acceptance is that of the date observations.
  for (const auto& c : ja["choices"])
    if (c["output"] == "pretraining.chip") CHECK(c["posterior"].get<double>() == Approx(1.0));
  const auto t = run_cli(kArgs + " --threads 2");
  REQUIRE(t.status == 0);
  char line[160];
  std::snprintf(line, sizeof line, "draws 60, seed 20251201: %ld accepted", ja["accepted"].get<long>());
  INFO(t.out);
  CHECK(t.out.find(line) != std::string::npos);
  std::snprintf(line, sizeof line, "effective sample size %.1f", ja["effective_sample_size"].get<double>());
  CHECK(t.out.find(line) != std::string::npos);
}

TEST_CASE("infer: bad evidence is a located error", "[infer][cli]") {
  const auto dir = process_scratch("infer", "bad");
  {
    std::ofstream f(dir / "typo.toml");
    f << "kind = \"evidence\"\n"
         "calendar_file = \"" << std::filesystem::absolute("timelines/calendar/v4-observed.toml").string() << "\"\n"
         "[[observation]]\n"
         "name = \"seen\"\n"
         "output = \"milestones.checkpoint-9999\"\n"
         "likelihood = \"existed_by\"\n"
         "observed_milestone = \"checkpoint-0211\"\n"
         "max_lag = \"60d\"\n"
         "source = \"test\"\n";
  }
  auto r = run_cli("infer timelines/v4-flash-h800.toml --evidence " + (dir / "typo.toml").string() + " --draws 5");
  INFO(r.out);
  CHECK(r.status == 2);
  CHECK(r.out.find("typo.toml:5") != std::string::npos);
  CHECK(r.out.find("observation.seen.output") != std::string::npos);
  CHECK(r.out.find("milestones.checkpoint-0211") != std::string::npos);  // the list of outputs
  {
    std::ofstream f(dir / "nomilestone.toml");
    f << "kind = \"evidence\"\n"
         "calendar_file = \"" << std::filesystem::absolute("timelines/calendar/v4-observed.toml").string() << "\"\n"
         "[[observation]]\n"
         "name = \"seen\"\n"
         "output = \"milestones.ready\"\n"
         "likelihood = \"existed_by\"\n"
         "observed_milestone = \"ready\"\n"
         "max_lag = \"60d\"\n"
         "source = \"test\"\n";
  }
  r = run_cli("infer timelines/v4-flash-h800.toml --evidence " + (dir / "nomilestone.toml").string() + " --draws 5");
  INFO(r.out);
  CHECK(r.status == 2);
  CHECK(r.out.find("nomilestone.toml:7") != std::string::npos);
  CHECK(r.out.find("has no observed date") != std::string::npos);
}

TEST_CASE("infer: shards merge to the unsharded result byte for byte", "[infer][cli][shard]") {
  const auto dir = process_scratch("infer", "parts");
  const std::string base = "infer timelines/v4-flash-h800.toml --evidence timelines/evidence/v4.toml --draws 30";
  const auto whole = run_cli(base + " --json");
  REQUIRE(whole.status == 0);
  for (const char* k : {"1/3", "2/3", "3/3"}) {
    const auto r = run_cli(base + " --shard " + k + " --out " + dir.string());
    INFO(r.out);
    REQUIRE(r.status == 0);
  }
  const std::string parts = (dir / "infer-part-1-of-3.json").string() + " " + (dir / "infer-part-2-of-3.json").string() +
                            " " + (dir / "infer-part-3-of-3.json").string();
  const auto merged = run_cli("merge " + parts + " --json");
  INFO(merged.out.substr(0, 2000));
  REQUIRE(merged.status == 0);
  // Everything but the provenance block (command line, cache facts) is the same bytes.
  CHECK(without_provenance(merged.out).dump(2) == without_provenance(whole.out).dump(2));
  // The terminal summary too.
  const auto whole_text = run_cli(base);
  const auto merged_text = run_cli("merge " + parts);
  CHECK(merged_text.out == whole_text.out);
  // A missing shard is a located error.
  const auto partial = run_cli("merge " + (dir / "infer-part-1-of-3.json").string() + " " + (dir / "infer-part-3-of-3.json").string());
  CHECK(partial.status == 2);
  CHECK(partial.out.find("shard 2 of 3 is missing") != std::string::npos);
}

namespace {

// report.html without its provenance section (the one part that names the command line).
std::string without_provenance_section(std::string html) {
  const auto a = html.find("<section id=\"provenance\"");
  if (a == std::string::npos) return html;
  const auto b = html.find("</section>", a);
  return html.erase(a, b + 10 - a);
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

std::string html_escaped(const std::string& s) {
  std::string o;
  for (char c : s) o += c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '&' ? "&amp;" : c == '"' ? "&quot;" : c == '\'' ? "&#39;" : std::string(1, c);
  return o;
}

}  // namespace

TEST_CASE("infer --out writes infer.json and report.html, and the report shows what the terminal says", "[infer][cli][report]") {
  const auto dir = process_scratch("infer", "report");
  const std::string base = "infer timelines/v4-flash-h800.toml --evidence timelines/evidence/v4.toml --draws 30";
  const auto text = run_cli(base);
  REQUIRE(text.status == 0);
  const auto r = run_cli(base + " --out " + (dir / "a").string());
  INFO(r.out);
  REQUIRE(r.status == 0);
  // The terminal summary is printed as without --out, then where the files went.
  CHECK(r.out.rfind(text.out, 0) == 0);
  const std::string html = slurp(dir / "a" / "report.html");
  const nlohmann::json j = nlohmann::json::parse(slurp(dir / "a" / "infer.json"));
  CHECK(without_provenance(slurp(dir / "a" / "infer.json")) == without_provenance(run_cli(base + " --json").out));
  for (const char* id : {"summary", "observations", "choices", "milestones", "inputs", "provenance"})
    CHECK(html.find(std::string("<section id=\"") + id + "\"") != std::string::npos);
  // One density chart (in its wide and narrow layouts) per input that varies, each with a prior
  // and a posterior outline; every input is in the table.
  const std::size_t inputs = j["inputs"].size();
  REQUIRE(inputs > 0);
  const std::size_t charts = count_of(html, "class=\"chart density-chart\"");
  CHECK(charts % 2 == 0);
  CHECK(charts / 2 <= inputs);
  CHECK(charts / 2 >= 1);
  CHECK(count_of(html, "<path class=\"density-prior\"") == charts);
  CHECK(count_of(html, "<path class=\"density-posterior\"") == charts);
  // One observed marker per observed milestone in each layout of the predictive chart.
  std::size_t observed = 0;
  for (const auto& m : j["milestones"]) observed += m.contains("observed");
  CHECK(count_of(html, "<path class=\"observed-marker\"") == 2 * observed);
  // The numbers the terminal prints for every milestone appear in the report as the same text.
  std::istringstream lines(text.out);
  std::string line;
  bool in_milestones = false;
  std::size_t checked = 0;
  while (std::getline(lines, line)) {
    if (line.rfind("milestones, prior", 0) == 0) { in_milestones = true; continue; }
    if (!in_milestones || line.size() < 4) continue;
    const auto arrow = line.find(" -> ");
    REQUIRE(arrow != std::string::npos);
    const auto name_end = line.find(' ', 2);
    const auto value_at = line.find_first_not_of(' ', name_end);
    const std::string prior = line.substr(value_at, arrow - value_at);
    CHECK(html.find("<td>" + html_escaped(prior) + "</td>") != std::string::npos);
    ++checked;
  }
  CHECK(checked == j["milestones"].size());
  // Same inputs, same bytes (but the provenance section, which names the output directory).
  REQUIRE(run_cli(base + " --out " + (dir / "b").string()).status == 0);
  CHECK(without_provenance_section(slurp(dir / "b" / "report.html")) == without_provenance_section(html));
  // merge of shards writes the same set.
  for (const char* k : {"1/2", "2/2"}) REQUIRE(run_cli(base + " --shard " + k + " --out " + (dir / "parts").string()).status == 0);
  const auto m = run_cli("merge " + (dir / "parts" / "infer-part-1-of-2.json").string() + " " +
                         (dir / "parts" / "infer-part-2-of-2.json").string() + " --out " + (dir / "merged").string());
  INFO(m.out);
  REQUIRE(m.status == 0);
  CHECK(without_provenance_section(slurp(dir / "merged" / "report.html")) == without_provenance_section(html));
  CHECK(without_provenance(slurp(dir / "merged" / "infer.json")) == without_provenance(slurp(dir / "a" / "infer.json")));
  // A file ascendsim did not write is never replaced: --out into it is refused before the work.
  std::filesystem::create_directories(dir / "mine");
  { std::ofstream(dir / "mine" / "report.html") << "mine"; }
  const auto refused = run_cli(base + " --out " + (dir / "mine").string());
  CHECK(refused.status == 2);
  CHECK(slurp(dir / "mine" / "report.html") == "mine");
}

TEST_CASE("infer: a run pretrained on NVIDIA with later phases on Ascend counts as Ascend used", "[infer][cli]") {
  // timelines/v4-flash-nvidia-then-ascend.toml pretrains on the installed H800 and moves to 910C for
  // post-training: pretraining.chip is nvidia-h800 but training.ascend_used is "yes", so Huawei's
  // statement (categorical on training.ascend_used in timelines/evidence/v4.toml) weighs it 1,
  // where the H800-only scenario gets 0.2 (its "no").
  auto choices = [](const std::string& scenario) {
    const auto r = run_cli("infer " + scenario + " --evidence timelines/evidence/v4.toml --draws 8 --json");
    INFO(r.out.substr(0, 2000));
    REQUIRE(r.status == 0);
    std::map<std::string, std::string> labels;
    const nlohmann::json j = nlohmann::json::parse(r.out);
    for (const auto& c : j["choices"])
      if (c["prior"].get<double>() == 1.0) labels[c["output"].get<std::string>()] = c["value"].get<std::string>();
    return labels;
  };
  const auto mixed = choices("timelines/v4-flash-nvidia-then-ascend.toml");
  CHECK(mixed.at("pretraining.chip") == "nvidia-h800");
  CHECK(mixed.at("training.ascend_used") == "yes");
  const auto h800 = choices("timelines/v4-flash-h800.toml");
  CHECK(h800.at("training.ascend_used") == "no");
}
