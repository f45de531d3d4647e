// One number per quantity (issue 15 item 7): one scenario run with --out, and the same value for
// each quantity in the terminal, report.json, report.html and the traces (trace.csv, trace.json).
// The thesis scenario with its failure rates has interruptions of both kinds, tens of thousands of
// checkpoints, a wait for chips, post-training, and milestones with and without a limit.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <map>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "tests/support/run_cli.hpp"
#include "tests/support/test_files.hpp"

namespace fs = std::filesystem;
using ascendsim::testing::run_cli;
using nlohmann::json;

namespace {

using ascendsim::testing::slurp;

long number(const std::string& with_commas) {
  std::string d;
  for (char c : with_commas)
    if (c != ',') d += c;
  return std::stol(d);
}

// The first capture of `re` in `text`, or "" (the CHECK then names what was missing).
std::string find(const std::string& text, const std::string& re, int group = 1) {
  std::smatch m;
  return std::regex_search(text, m, std::regex(re)) ? m[group].str() : std::string();
}

// The text from the first occurrence of a literal anchor, a few hundred characters long (std::regex
// is slow on a whole report, so patterns run on this window).
std::string at(const std::string& text, const std::string& anchor, std::size_t len = 400) {
  const auto i = text.find(anchor);
  return i == std::string::npos ? std::string() : text.substr(i, len);
}

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    else if (c == ',' && !quoted) { cells.push_back(cell); cell.clear(); }
    else cell += c;
  }
  cells.push_back(cell);
  return cells;
}

bool checkpoint_written(const std::string& resource, const std::string& name) {
  return resource == "run/job" && (name == "checkpoint write" || name == "checkpoint snapshot" || name.rfind("checkpoint before ", 0) == 0);
}

}  // namespace

TEST_CASE("terminal, report.json, report.html and the traces give one number per quantity") {
  const fs::path d = fs::path(ASCENDSIM_BUILD_DIR) / "test-scratch" / "cross-view";
  fs::remove_all(d);
  const auto term = run_cli("run timelines/v4-ascend-thesis.toml --out " + d.string());
  INFO(term.out);
  REQUIRE(term.status == 0);
  const json rep = json::parse(slurp(d / "report.json"));
  const std::string html = slurp(d / "report.html");
  const json& run = rep.at("pretraining").at("run");
  const long total = run.at("interruptions").at("total"), unexpected = run.at("interruptions").at("unexpected"),
             planned = run.at("interruptions").at("planned"), checkpoints = run.at("checkpoints_written");
  REQUIRE(unexpected > 0);
  REQUIRE(planned > 0);
  REQUIRE(checkpoints > 400);  // enough that the HTML counts them instead of drawing each
  CHECK(total == unexpected + planned);

  // Terminal.
  const std::string tline = find(term.out, "pretraining: [^\n]*", 0);
  CHECK(number(find(tline, "([0-9,]+) interruptions")) == total);
  CHECK(number(find(tline, "([0-9,]+) unexpected")) == unexpected);
  CHECK(number(find(tline, "([0-9,]+) planned")) == planned);
  CHECK(number(find(tline, "([0-9,]+) checkpoints written")) == checkpoints);
  const double wait_and_training = rep.at("pretraining").at("wait_and_training_days");
  CHECK(std::stod(find(tline, "usable\\), ([0-9.]+) days")) == Approx(wait_and_training).margin(0.05));

  // HTML: the table, the run chart's legend (failures = unexpected interruptions) and its title.
  CHECK(find(at(html, "<td>interruptions ("), "<td>interruptions \\(unexpected \\+ planned\\)</td><td>([^<]*)</td>") ==
        std::to_string(total) + " (" + std::to_string(unexpected) + " + " + std::to_string(planned) + ")");
  CHECK(number(find(at(html, "failure and restart ("), "failure and restart \\(([0-9,]+)\\)")) == unexpected);
  CHECK(number(find(at(html, "<td>checkpoints written</td>"), "<td>checkpoints written</td><td>([0-9,]+)</td>")) == checkpoints);
  const auto note = html.find(" checkpoints written, not drawn");
  REQUIRE(note != std::string::npos);
  CHECK(number(find(html.substr(note - 20, 60), "([0-9,]+) checkpoints written, not drawn")) == checkpoints);
  CHECK(std::stod(find(at(html, "<td>pretraining phase ("), "<td>pretraining phase \\(wait \\+ training\\)</td><td>([0-9.]+) days")) ==
        Approx(wait_and_training).margin(0.05));

  // Durations: the calendar's pretraining phase is the wait plus training; the run's span through
  // post-training is longer by exactly post_training_days.
  json phase;
  for (const auto& m : rep.at("milestones"))
    if (m.at("name") == "pretraining") phase = m;
  REQUIRE(phase.is_object());
  CHECK(phase.at("duration_days").get<double>() == Approx(wait_and_training).epsilon(1e-9));
  CHECK(wait_and_training == Approx(run.at("wait_for_chips_days").get<double>() + run.at("pretraining_days").get<double>()).epsilon(1e-9));
  CHECK(run.at("through_post_training_days").get<double>() ==
        Approx(wait_and_training + run.at("post_training_days").get<double>()).epsilon(1e-9));

  // trace.csv: failure events = unexpected interruptions, checkpoint marks = checkpoints written,
  // the pretraining phase's length = wait + training, and slack empty exactly where JSON has null.
  std::istringstream csv(slurp(d / "trace.csv"));
  std::string line;
  std::getline(csv, line);
  const auto head = split_csv_line(line);
  auto col = [&](const std::string& n) { return static_cast<std::size_t>(std::find(head.begin(), head.end(), n) - head.begin()); };
  const std::size_t c_res = col("resource"), c_cat = col("category"), c_name = col("name"), c_a = col("start_s"),
                    c_b = col("end_s"), c_slack = col("slack_days");
  REQUIRE(c_slack < head.size());
  long csv_failures = 0, csv_checkpoints = 0;
  std::map<std::string, std::string> csv_slack;
  while (std::getline(csv, line)) {
    const auto c = split_csv_line(line);
    csv_failures += c[c_cat] == "failure";
    csv_checkpoints += checkpoint_written(c[c_res], c[c_name]);
    if (c[c_res] == "calendar/pretraining")
      CHECK((std::stod(c[c_b]) - std::stod(c[c_a])) / 86400.0 == Approx(wait_and_training).epsilon(1e-9));
    if (c[c_res] == "calendar/milestones") csv_slack[c[c_name]] = c_slack < c.size() ? c[c_slack] : "";
  }
  CHECK(csv_failures == unexpected);
  CHECK(csv_checkpoints == checkpoints);

  // trace.json (Perfetto): the same counts.
  const json tj = json::parse(slurp(d / "trace.json"));
  const json& events = tj.is_object() ? tj.at("traceEvents") : tj;
  long json_failures = 0;
  for (const auto& e : events) json_failures += e.value("cat", "") == "failure";
  CHECK(json_failures == unexpected);

  // Slack: null in JSON <-> empty cell in trace.csv <-> "n/a" in the terminal and the HTML, and the
  // same number (one decimal) where there is a limit. Never 0 for "no limit".
  int without_limit = 0;
  for (const auto& m : rep.at("milestones")) {
    if (m.at("kind") != "milestone") continue;
    const std::string name = m.at("name");
    INFO(name);
    const std::string trow = find(term.out, "\n" + name + " [^\n]*", 0);
    const std::string table = at(html, "<table class=\"milestones\">", std::string::npos);
    std::string hrow = at(table, "<td>" + name + "</td>");
    hrow = hrow.substr(0, hrow.find("</tr>"));
    REQUIRE(!hrow.empty());
    const std::string hslack = find(hrow, "<td class=\"num\">([^<]*)</td>");
    if (m.at("slack_days").is_null()) {
      ++without_limit;
      CHECK(hslack == "n/a");
      CHECK(trow.find(" n/a ") != std::string::npos);
      CHECK(csv_slack.at(name).empty());
    } else {
      char want[32];
      std::snprintf(want, sizeof want, "%+.1f", m.at("slack_days").get<double>());
      CHECK(hslack == want);
      CHECK(trow.find(want) != std::string::npos);
      CHECK(std::stod(csv_slack.at(name)) == Approx(m.at("slack_days").get<double>()).margin(0.005));
    }
  }
  CHECK(without_limit > 0);
}
