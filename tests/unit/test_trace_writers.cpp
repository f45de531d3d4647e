// Trace writers: Chrome JSON fields Perfetto needs, Paje accepted by pajeng's pj_dump with the right
// state count, CSV round trip, writer choice by extension, chip selection for big step traces.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "sim/config/input_error.hpp"
#include "sim/trace/chip_filter.hpp"
#include "sim/trace/chrome_trace_writer.hpp"
#include "sim/trace/csv_trace_writer.hpp"
#include "sim/trace/paje_trace_writer.hpp"
#include "sim/trace/trace_output.hpp"
#include "sim/trace/trace_rows.hpp"
#include "sim/util/atomic_file.hpp"
#include "sim/util/date.hpp"

using namespace ascendsim;

namespace {

// A small step trace: 2 nodes x 2 chips, overlapping compute/comm, a nested step span, one failure.
Trace step_trace() {
  Trace t;
  for (int node = 0; node < 2; ++node)
    for (int c = 0; c < 2; ++c) {
      const int chip = node * 2 + c;
      const std::string r = "node " + std::to_string(node) + "/chip " + std::to_string(chip);
      t.add({r, "step", "step 0", 0.0, 1.0, {{"step", "0"}}});
      t.add({r, "compute", "fwd mb0", 0.0, 0.4, {{"flops", "1.5e15"}}});
      t.add({r, "compute", "bwd mb0", 0.4, 1.0, {}});
      t.add({r, "comm.tp", "all-reduce, \"tp\"", 0.3, 0.5, {{"bytes", "1048576"}}});  // overlaps both computes
      t.add({r, "comm.tp", "all-reduce 2", 0.45, 0.6, {}});  // overlaps the previous comm: needs lane 2
    }
  t.add({"node 1/chip 3", "failure", "HBM ECC error", 0.7, 0.7, {{"kind", "hbm"}}});
  t.add({"supernode 0", "comm.dp", "dp all-reduce", 0.8, 1.0, {}});
  return t;
}

std::size_t count_instants(const Trace& t) {
  std::size_t n = 0;
  for (const auto& s : t.spans) n += s.instant();
  return n;
}

std::string run_capture(const std::string& cmd, int& status) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  status = pclose(p);
  return out;
}

std::string tmp_dir(const char* name) {
  const auto d = std::filesystem::path(ASCENDSIM_BUILD_DIR) / "test-tmp" / name;
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d.string();
}

}  // namespace

TEST_CASE("resource strings map to process and thread rows", "[trace]") {
  CHECK(row_key({"node 3/chip 17", "c", "n", 0, 1, {}}).group == "node 3");
  CHECK(row_key({"node 3/chip 17", "c", "n", 0, 1, {}}).row == "chip 17");
  CHECK(row_key({"chip 17", "c", "n", 0, 1, {}}).group == "chip");
  CHECK(row_key({"phase pretraining", "c", "n", 0, 1, {}}).group == "phase");
  CHECK(row_key({"chip 17", "c", "n", 0, 1, {{"group", "rack A"}}}).group == "rack A");
  CHECK(format_double(0.1) == "0.1");
  CHECK(format_double(3600) == "3600");
  CHECK(format_double(1e-6) == "1e-06");
}

TEST_CASE("Chrome trace JSON has every field Perfetto needs and one event per span", "[trace]") {
  const Trace t = step_trace();
  const auto j = nlohmann::json::parse(ChromeTraceWriter().render(t));
  REQUIRE(j.contains("traceEvents"));
  std::size_t x = 0, i = 0, meta = 0;
  std::set<std::string> process_names, thread_names;
  for (const auto& ev : j["traceEvents"]) {
    for (const char* f : {"ph", "ts", "pid", "tid", "name"}) REQUIRE(ev.contains(f));
    const std::string ph = ev["ph"];
    if (ph == "X") {
      ++x;
      REQUIRE(ev.contains("dur"));
      CHECK(ev["dur"].get<double>() > 0);
    } else if (ph == "i") {
      ++i;
      CHECK(ev["s"] == "t");
    } else if (ph == "M") {
      ++meta;
      if (ev["name"] == "process_name") process_names.insert(ev["args"]["name"].get<std::string>());
      if (ev["name"] == "thread_name") thread_names.insert(ev["args"]["name"].get<std::string>());
    } else {
      FAIL("unexpected phase " << ph);
    }
  }
  CHECK(x + i == t.spans.size());
  CHECK(i == 1);
  // Groups: node 0, node 1, supernode; rows: chip 0..3 and "supernode 0".
  CHECK(process_names == std::set<std::string>{"node 0", "node 1", "supernode"});
  CHECK(thread_names == std::set<std::string>{"chip 0", "chip 1", "chip 2", "chip 3", "supernode 0"});
  CHECK(meta == 2 * 3 + 2 * 5);
  // 0.3 s -> 300000 us; attrs become args.
  bool found = false;
  for (const auto& ev : j["traceEvents"])
    if (ev["name"] == "all-reduce, \"tp\"" && ev["args"]["resource"] == "node 0/chip 0") {
      found = true;
      CHECK(ev["ts"].get<double>() == Approx(300000));
      CHECK(ev["dur"].get<double>() == Approx(200000));
      CHECK(ev["args"]["bytes"] == "1048576");
    }
  CHECK(found);
}

TEST_CASE("calendar traces carry real dates", "[trace]") {
  Trace t;
  t.origin_day = *parse_iso_date("2025-12-01");
  t.add({"phase pretraining", "phase", "pretraining", 0, 90 * 86400.0, {}});
  t.add({"phase pretraining", "milestone", "pretraining done", 90 * 86400.0, 90 * 86400.0, {}});
  const auto j = nlohmann::json::parse(ChromeTraceWriter().render(t));
  CHECK(j["otherData"]["origin_date"] == "2025-12-01");
  int seen = 0;
  for (const auto& ev : j["traceEvents"]) {
    if (ev["ph"] == "X") { CHECK(ev["args"]["end_date"] == "2026-03-01"); ++seen; }
    if (ev["ph"] == "i") { CHECK(ev["name"] == "pretraining done (2026-03-01)"); ++seen; }
  }
  CHECK(seen == 2);
  const Trace back = read_trace_csv(CsvTraceWriter().render(t));
  REQUIRE(back.origin_day);
  CHECK(*back.origin_day == *t.origin_day);
  CHECK(PajeTraceWriter().render(t).find("\"pretraining done (2026-03-01)\"") != std::string::npos);
}

TEST_CASE("pj_dump accepts the Paje trace with one state per span", "[trace][paje]") {
  // pajeng is part of the project's test set-up (README); a missing pj_dump is a failure.
  int status = 0;
  run_capture("command -v pj_dump", status);
  REQUIRE(status == 0);
  const Trace t = step_trace();
  const std::string path = tmp_dir("paje") + "/step.paje";
  write_trace_file(path, t, "--trace", true);  // replaces the previous run's file
  const std::string dump = run_capture("pj_dump '" + path + "' 2>&1", status);
  INFO(dump.substr(0, 2000));
  REQUIRE(status == 0);
  std::size_t states = 0, events = 0, containers = 0;
  std::size_t pos = 0;
  while (pos < dump.size()) {
    const std::size_t eol = std::min(dump.find('\n', pos), dump.size());
    const std::string line = dump.substr(pos, eol - pos);
    if (line.rfind("State,", 0) == 0) ++states;
    if (line.rfind("Event,", 0) == 0) ++events;
    if (line.rfind("Container,", 0) == 0) ++containers;
    pos = eol + 1;
  }
  CHECK(states == t.spans.size() - count_instants(t));
  CHECK(events == count_instants(t));
  // 3 groups + 5 rows + 4 extra lanes (the second comm.tp on each chip overlaps the first) + root.
  CHECK(containers == 3 + 5 + 4 + 1);
}

TEST_CASE("CSV round-trips, quoting commas, quotes and newlines", "[trace]") {
  Trace t = step_trace();
  t.add({"chip 9", "note", "line one\nline two, \"quoted\"", 1.25, 2.5, {{"bytes", "7"}, {"start_s", "x"}}});
  const std::string csv = CsvTraceWriter().render(t);
  CHECK(csv.rfind("resource,category,name,start_s,end_s,step,flops,bytes,kind,attr.start_s\n", 0) == 0);
  const Trace back = read_trace_csv(csv);
  REQUIRE(back.spans.size() == t.spans.size());
  CHECK_FALSE(back.origin_day);
  for (std::size_t i = 0; i < t.spans.size(); ++i) {
    const Span &a = t.spans[i], &b = back.spans[i];
    CHECK(a.resource == b.resource);
    CHECK(a.category == b.category);
    CHECK(a.name == b.name);
    CHECK(a.start_s == b.start_s);  // exact: shortest round-trip formatting
    CHECK(a.end_s == b.end_s);
    CHECK(a.attrs == b.attrs);
  }
  CHECK_THROWS_AS(read_trace_csv("resource,category,name,start_s,end_s\nr,c,n,abc,1\n"), InputError);
}

TEST_CASE("writer chosen by extension", "[trace]") {
  CHECK(std::string(make_trace_writer("a/b.json")->extension()) == ".json");
  CHECK(std::string(make_trace_writer("b.paje")->extension()) == ".paje");
  CHECK(std::string(make_trace_writer("b.csv")->extension()) == ".csv");
  try {
    make_trace_writer("trace.txt");
    FAIL("expected InputError");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("trace.txt: --trace-out: expected a file ending in .json") != std::string::npos);
  }
}

TEST_CASE("chip selection keeps chosen chips and all non-chip rows", "[trace]") {
  const Trace t = step_trace();
  CHECK(select_chips(t, parse_chip_selection("all")).spans.size() == t.spans.size());
  // one per node: chips 0 and 2 (5 spans each) + the supernode span.
  const Trace one = select_chips(t, parse_chip_selection("one-per-node"));
  CHECK(one.spans.size() == 5 + 5 + 1);
  std::set<long> chips;
  for (const auto& s : one.spans)
    if (auto c = span_chip(s)) chips.insert(*c);
  CHECK(chips == std::set<long>{0, 2});
  // list "3": chip 3's 5 spans + its failure + supernode.
  CHECK(select_chips(t, parse_chip_selection("3")).spans.size() == 5 + 1 + 1);
  CHECK(parse_chip_selection("0,8,16-18").chips == std::vector<long>{0, 8, 16, 17, 18});
  CHECK_THROWS_AS(parse_chip_selection("3-1"), InputError);
  CHECK_THROWS_AS(parse_chip_selection("x"), InputError);
  // Without node information, chips_per_node decides: chips 0..5 at 4 per node -> keep 0 and 4.
  Trace flat;
  for (int c = 0; c < 6; ++c) flat.add({"chip " + std::to_string(c), "compute", "x", 0, 1, {}});
  CHECK_THROWS_AS(select_chips(flat, parse_chip_selection("one-per-node")), InputError);
  ChipSelection sel = parse_chip_selection("one-per-node");
  sel.chips_per_node = 4;
  CHECK(select_chips(flat, sel).spans.size() == 2);
  CHECK_FALSE(span_chip({"supernode 0", "c", "n", 0, 1, {}}));
  CHECK_FALSE(span_node({"supernode 0", "c", "n", 0, 1, {}}));
}

TEST_CASE("Chrome trace JSON has one counter event per counter point and names t = 0 by date", "[trace]") {
  Trace t;
  t.origin_day = *parse_iso_date("2025-12-01");
  t.add({"calendar", "phase", "pretraining", 0, 10 * 86400.0, {}});
  t.counters.push_back({"supply", "usable_chips", {{0, 384}, {2 * 86400.0, 768}}});
  t.counters.push_back({"goodput", "training_chips", {{86400.0, 384}, {1.5 * 86400.0, 0}}});
  const auto j = nlohmann::json::parse(ChromeTraceWriter().render(t));
  std::vector<nlohmann::json> counters;
  std::set<std::string> process_names;
  int counter_pid = -1;
  for (const auto& ev : j["traceEvents"]) {
    if (ev["ph"] == "C") counters.push_back(ev);
    if (ev["ph"] == "M" && ev["name"] == "process_name") {
      process_names.insert(ev["args"]["name"].get<std::string>());
      if (ev["args"]["name"].get<std::string>().rfind("counters", 0) == 0) counter_pid = ev["pid"].get<int>();
    }
  }
  CHECK(process_names ==
        std::set<std::string>{"calendar (t=0 is 2025-12-01 00:00 UTC)", "counters (t=0 is 2025-12-01 00:00 UTC)"});
  REQUIRE(counters.size() == 4);
  CHECK(counters[1]["name"] == "supply");
  CHECK(counters[1]["ts"].get<double>() == Approx(2 * 86400.0 * 1e6));  // 2 days in microseconds
  CHECK(counters[1]["args"]["usable_chips"].get<double>() == 768);
  CHECK(counters[3]["name"] == "goodput");
  CHECK(counters[3]["args"]["training_chips"].get<double>() == 0);
  for (const auto& c : counters) CHECK(c["pid"].get<int>() == counter_pid);
  // A trace without a calendar origin keeps its plain process names and has no counters process.
  const auto plain = nlohmann::json::parse(ChromeTraceWriter().render(step_trace()));
  for (const auto& ev : plain["traceEvents"]) CHECK(ev["ph"] != "C");
}
