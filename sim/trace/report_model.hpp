// Everything the HTML report shows, as plain data: the timeline and run levels fill it, the
// renderer (report_html.hpp) only draws it. Dates are days since 1970-01-01 (sim/util/date.hpp),
// fractional days allowed; optional sections are omitted from the page when empty.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/trace/span.hpp"

namespace ascendsim {

struct ReportVerdict {
  bool fits = false;         // the plan meets its deadline / publication window
  double margin_days = 0;    // positive: days to spare; negative: days late
  std::string text;          // one sentence, e.g. "Pretraining ends 2026-03-02, 12 days before ..."
};

struct ReportMilestone {
  std::string name;
  double earliest_day = 0;                 // the simulated (earliest feasible) date
  std::optional<double> observed_day;      // the date it actually happened (public record), if any
  std::optional<double> deadline_day;      // the date it must happen by, if any
  double slack_days = 0;                   // days it can slip without moving the final date
  bool has_slack = false;                  // false: no deadline or observed date, slack is "n/a" (not 0)
  bool critical = false;                   // on the critical path
};

struct ReportPhase {
  std::string name;
  double start_day = 0;
  double end_day = 0;
  bool critical = false;
};

struct ReportWindow {
  std::string name;  // "Spring Festival", "publication window"
  double start_day = 0;
  double end_day = 0;
};

// The pretraining run: spans with categories "training" (segments), "checkpoint" and "failure"
// (instants or short spans); other categories are drawn as neutral bars. run.origin_day is the run's
// first date; span times are seconds after it.
struct ReportRun {
  Trace run;
  std::string title = "Pretraining run";
};

struct SupplyPoint {
  double day = 0;
  double chips = 0;  // chips available from this day on (a step series)
};

struct ReportSupply {
  std::vector<SupplyPoint> available;  // sorted by day
  double chips_needed = 0;             // the plan's requirement
  std::string chip_name;               // "Ascend 910C"
  // The days the plan needs the chips (pretraining start to end): the need line and the shortfall
  // are drawn only inside it. Unset: the whole series.
  std::optional<double> need_from_day;
  std::optional<double> need_to_day;
};

struct HistogramBin {
  double lo_day = 0;
  double hi_day = 0;
  long count = 0;  // every draw in the bin
  long late = 0;   // of those, the draws that miss the milestone's limit (count - late are on time)
};

struct ReportHistogram {
  std::vector<HistogramBin> bins;                         // Monte Carlo dates of `milestone`
  std::vector<std::pair<std::string, double>> markers;    // ("P50", day), ("P90", day), ("deadline", day)
  long samples = 0;
  std::string milestone;                                  // the milestone shown ("checkpoint-0211")
  std::optional<double> limit_day;                        // its deadline or observed date
  std::string limit_kind = "deadline";                    // "deadline", "observed"
};

struct TornadoBar {
  std::string input;          // "MFU", "failures per day"
  std::string low_label;      // value at the low end, e.g. "35%"
  std::string high_label;     // value at the high end, e.g. "50%"
  double low_shift_days = 0;  // final-date shift with the input at its low value (+ = later)
  double high_shift_days = 0;
};

struct ReportTornado {
  std::vector<TornadoBar> bars;  // drawn in the given order (sort by swing before filling)
  double baseline_day = 0;       // the nominal final date
};

struct ReportStepBreakdown {
  std::string label;   // "DeepSeek-V3 on 2048 x 910C"
  double compute_s = 0;
  std::vector<std::pair<std::string, double>> exposed_comm_s;  // ("TP", s), ("EP all-to-all", s), ...
  double bubble_s = 0;
  double optimizer_s = 0;
};

// A sweep's grid: cell (column i, row j) holds the mean margin of its runs (days, + = to spare).
struct HeatCell {
  std::size_t column = 0, row = 0;
  double margin_days = 0;
  double fit_share = 0;  // share of the cell's runs that fit
  long runs = 0;
};

struct ReportHeatmap {
  std::string column_input, row_input;          // key paths of the first two axes ("" = none)
  std::vector<std::string> columns, rows;       // axis values as given in the sweep file
  std::vector<HeatCell> cells;
};

struct ReportTable {
  std::string title;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

struct ReportModel {
  std::string scenario;
  std::string description;
  // The provenance block as (label, value) rows: version, command line, overrides, inputs with
  // hashes, cache facts. Rendered last, in <section id="provenance">, the one part of report.html
  // that may differ between two runs of the same inputs (determinism tests strip it by that id).
  std::vector<std::pair<std::string, std::string>> provenance;
  ReportVerdict verdict;
  std::vector<ReportMilestone> milestones;
  std::vector<ReportPhase> phases;
  std::vector<ReportWindow> blackouts;
  std::optional<ReportWindow> publication_window;
  std::optional<ReportRun> run;
  std::optional<ReportSupply> supply;
  std::optional<ReportHistogram> final_date_histogram;
  std::optional<ReportTornado> tornado;
  std::vector<ReportStepBreakdown> step_breakdown;
  std::vector<ReportTable> tables;
};

}  // namespace ascendsim
