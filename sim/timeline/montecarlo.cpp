// Thread-count-independent Monte Carlo: per-draw forked streams, results stored by index.
#include "sim/timeline/montecarlo.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <exception>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "sim/util/progress.hpp"

#include "sim/util/memory_budget.hpp"

namespace ascendsim {

double draw_result_bytes(const std::vector<std::string>& milestone_names) {
  double bytes = sizeof(DrawResult) + 2 * sizeof(double);  // the result, and the summary's margin copies
  for (const auto& name : milestone_names) {
    bytes += sizeof(MilestoneOutcome) + 2 * sizeof(double);  // outcome, the summary's day and its sort copy
    if (name.size() > 15) bytes += static_cast<double>(name.size() + 1);  // beyond the short-string buffer
  }
  return bytes;
}

std::vector<DrawResult> run_draws(std::uint64_t n, unsigned threads, std::uint64_t seed, const DrawFn& fn,
                                  const char* progress_label, const SourceLocation& draws_from) {
  if (n == 0) return {};
  const Rng base(seed);
  // Draw 0 first: its size tells what n draws will take, before anything large is allocated.
  Rng rng0 = base.fork(0);
  DrawResult first = fn(0, rng0);
  std::vector<std::string> names;
  for (const auto& m : first.milestones) names.push_back(m.name);
  SourceLocation where = draws_from;
  if (where.line == 0 && where.file.rfind("--", 0) == 0) where.file += " " + std::to_string(n);
  check_fits_in_memory(static_cast<double>(n), draw_result_bytes(names), memory_budget_bytes(), where, "draws", "draws",
                       "use fewer draws, or split them with sweep --shard K/N and merge");
  std::vector<DrawResult> results(n);
  results[0] = std::move(first);
  if (n == 1) return results;
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(std::min<std::uint64_t>(n, 1024))));
  Progress bar(progress_label ? progress_label : "draws", n);
  bar.advance();  // draw 0, run above
  std::atomic<std::uint64_t> next{1};
  std::atomic<bool> failed{false};
  std::exception_ptr first_error;
  std::mutex mu;
  auto worker = [&]() {
    for (;;) {
      if (failed.load()) return;
      const std::uint64_t k = next.fetch_add(1);
      if (k >= n) return;
      try {
        Rng rng = base.fork(k);
        results[k] = fn(k, rng);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mu);
        if (!first_error) first_error = std::current_exception();
        failed = true;
        return;
      }
      bar.advance();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  bar.finish();
  if (first_error) std::rethrow_exception(first_error);
  return results;
}

double percentile(std::vector<double> x, double q) {
  if (x.empty()) throw std::invalid_argument("percentile of an empty sample");
  std::sort(x.begin(), x.end());
  q = std::clamp(q, 0.0, 1.0);
  const double h = static_cast<double>(x.size() - 1) * q;
  const std::size_t lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, x.size() - 1);
  return x[lo] + (h - static_cast<double>(lo)) * (x[hi] - x[lo]);
}

SweepSummary summarize_draws(const std::vector<DrawResult>& draws) {
  if (draws.empty()) throw std::invalid_argument("no draws to summarise");
  SweepSummary s;
  s.draws = draws.size();
  std::vector<double> margins;
  std::size_t fit = 0;
  std::vector<std::string> names;
  std::map<std::string, std::vector<double>> days;
  std::map<std::string, std::pair<std::size_t, std::size_t>> on_time;  // (on time, limited)
  for (const auto& d : draws) {
    fit += d.fits ? 1 : 0;
    margins.push_back(d.margin_days);
    for (const auto& m : d.milestones) {
      if (!days.count(m.name)) names.push_back(m.name);
      days[m.name].push_back(m.day);
      if (m.on_time) {
        auto& c = on_time[m.name];
        c.first += *m.on_time ? 1 : 0;
        c.second += 1;
      }
    }
  }
  s.p_fit = static_cast<double>(fit) / static_cast<double>(draws.size());
  s.margin_p10 = percentile(margins, 0.1);
  s.margin_p50 = percentile(margins, 0.5);
  s.margin_p90 = percentile(margins, 0.9);
  for (const auto& name : names) {
    MilestoneSummary m;
    m.name = name;
    m.p10_day = percentile(days[name], 0.1);
    m.p50_day = percentile(days[name], 0.5);
    m.p90_day = percentile(days[name], 0.9);
    if (auto it = on_time.find(name); it != on_time.end() && it->second.second > 0)
      m.p_on_time = static_cast<double>(it->second.first) / static_cast<double>(it->second.second);
    s.milestones.push_back(m);
  }
  return s;
}

}  // namespace ascendsim
