// A fixture ReportModel for the report tests (HTML structure and the headless-browser check). The
// numbers are illustrative test data, not a scenario's results.
#pragma once
#include "sim/trace/report_model.hpp"
#include "sim/util/date.hpp"

namespace ascendsim::test {

inline double day(const char* iso) { return static_cast<double>(*parse_iso_date(iso)); }

inline ReportModel fixture_report() {
  ReportModel m;
  m.scenario = "Fixture: 671B MoE pretraining on Ascend 910C <test & \"escape\">";
  m.description = "Supply ramp, cluster bring-up, pretraining and post-training ahead of a publication window.";
  m.verdict = {true, 12.5, "Pretraining and post-training finish 2026-04-18, 12.5 days before the publication window closes."};
  m.phases = {{"chip supply ramp", day("2025-09-01"), day("2025-11-20"), true},
              {"cluster bring-up", day("2025-11-20"), day("2025-12-15"), true},
              {"data pipeline", day("2025-10-01"), day("2025-12-01"), false},
              {"pretraining", day("2025-12-15"), day("2026-03-20"), true},
              {"post-training & evals", day("2026-03-20"), day("2026-04-18"), true}};
  m.milestones = {{"chips delivered", day("2025-11-20"), day("2025-11-28"), std::nullopt, 0, true},
                  {"cluster accepted", day("2025-12-15"), std::nullopt, day("2025-12-20"), 0, true},
                  {"data ready", day("2025-12-01"), day("2025-12-05"), std::nullopt, 14, false},
                  {"pretraining done", day("2026-03-20"), std::nullopt, std::nullopt, 0, true},
                  {"release", day("2026-04-18"), day("2026-04-25"), day("2026-04-30"), 12.5, true}};
  m.blackouts = {{"Spring Festival", day("2026-02-14"), day("2026-02-22")}};
  m.publication_window = ReportWindow{"publication window", day("2026-04-01"), day("2026-04-30")};
  ReportRun run;
  run.run.origin_day = *parse_iso_date("2025-12-15");
  const double d = 86400;
  double t = 0;
  for (int seg = 0; seg < 4; ++seg) {
    const double len = (seg == 3 ? 35 : 18) * d;
    run.run.add({"pretraining", "training", "segment " + std::to_string(seg + 1), t, t + len, {}});
    for (double c = t + 3 * d; c < t + len; c += 3 * d) run.run.add({"pretraining", "checkpoint", "checkpoint", c, c, {}});
    if (seg < 3) run.run.add({"pretraining", "failure", "node failure", t + len, t + len, {{"restart_h", "3.5"}}});
    t += len + 0.5 * d;
  }
  m.run = run;
  m.supply = ReportSupply{{{day("2025-09-01"), 2048}, {day("2025-10-01"), 4096}, {day("2025-10-25"), 6144},
                           {day("2025-11-20"), 8192}, {day("2026-01-10"), 9216}},
                          8192, "Ascend 910C"};
  ReportHistogram h;
  const long counts[] = {3, 11, 38, 92, 160, 201, 178, 131, 95, 52, 25, 10, 4};
  double b = day("2026-04-02");
  for (long c : counts) {
    h.bins.push_back({b, b + 3, c});
    h.samples += c;
    b += 3;
  }
  h.markers = {{"P50", day("2026-04-18")}, {"P90", day("2026-04-27")}, {"deadline", day("2026-04-30")}};
  m.final_date_histogram = h;
  m.tornado = ReportTornado{{{"MFU", "35%", "50%", 19.0, -11.0},
                             {"failures per day", "0.5", "3", -3.0, 9.5},
                             {"chip deliveries", "-20%", "+20%", 8.0, -4.0},
                             {"checkpoint interval", "1 h", "6 h", -1.0, 2.5}},
                            day("2026-04-18")};
  m.step_breakdown = {{"planned (EP 64, PP 16)", 9.2, {{"TP", 0.6}, {"EP all-to-all", 1.9}, {"DP all-reduce", 0.4}}, 1.7, 0.35},
                      {"alternative (EP 32, PP 8)", 9.2, {{"TP", 0.6}, {"EP all-to-all", 1.1}}, 0.9, 0.35}};
  m.tables = {{"Inputs", {"input", "value", "source"},
               {{"chips", "8192 x Ascend 910C", "REFERENCE.md"}, {"model", "671B MoE, 37B active", "<fixture>"}}}};
  return m;
}

inline std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto p = text.find(needle); p != std::string::npos; p = text.find(needle, p + needle.size())) ++n;
  return n;
}

}  // namespace ascendsim::test
