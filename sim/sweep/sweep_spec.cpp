#include "sim/sweep/sweep_spec.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/util/date.hpp"
#include "sim/util/hash.hpp"

namespace ascendsim {

namespace {
// A longer axis is a mistake (a step in the wrong unit), not a sweep anyone could run.
constexpr std::size_t kMaxAxisValues = 100000;
}  // namespace

std::size_t SweepSpec::point_count() const {
  std::size_t n = 1;
  for (const auto& a : axes) n *= a.values.size();
  return n;
}

std::vector<Override> SweepSpec::point(std::size_t index) const {
  std::vector<Override> out(axes.size());
  for (std::size_t k = axes.size(); k-- > 0;) {
    const auto& a = axes[k];
    out[k] = Override{a.path, a.values[index % a.values.size()], false, "", ""};
    out[k].origin = "--set " + a.path + "=" + out[k].value_text + " (axis of " + file + ")";
    out[k].user_path = a.path;
    index /= a.values.size();
  }
  return out;
}

SweepSpec load_sweep(const std::string& path) {
  TomlDocument doc = TomlDocument::load(path);
  Section root = doc.root();
  SweepSpec s;
  s.file = path;
  root.choice("kind", {"sweep"});
  s.scenario_path = root.path_ref("scenario", "scenario");
  if (root.has("seed")) {
    s.seed = static_cast<std::uint64_t>(root.integer("seed", 0));
    s.seed_set = true;
  }
  s.draws = static_cast<int>(root.integer_or("draws", 0, 0, 10'000'000));
  for (const Section& a : root.tables("axis")) {
    SweepAxis axis;
    axis.path = a.string("path");
    const bool has_values = a.has("values"), has_range = a.has("range");
    if (has_values == has_range) {
      a.error("", "needs exactly one of values = [...] or range = { from, to, step }");
    } else if (has_values) {
      axis.values = a.raw_values("values");
    } else {
      const Section r = a.table("range");
      const bool dates = r.is_date("from");
      if (dates) {
        const long from = r.date("from"), to = r.date("to");
        const double step_s = r.quantity("step", Dimension::Time, 86400.0);
        const long step_days = std::max(1L, std::lround(step_s / 86400.0));
        if (to < from) r.error("to", "must not be before from");
        else if (static_cast<std::size_t>((to - from) / step_days + 1) > kMaxAxisValues)
          r.error("step", "the range has " + std::to_string((to - from) / step_days + 1) + " values; at most " +
                              std::to_string(kMaxAxisValues) + " per axis");
        for (long d = from; d <= to && axis.values.size() < kMaxAxisValues; d += step_days) axis.values.push_back(format_date(d));
      } else {
        const double from = r.number("from", -1e300, 1e300), to = r.number("to", -1e300, 1e300);
        const double step = r.number("step", 1e-300, 1e300);
        if (to < from) r.error("to", "must not be below from");
        else if ((to - from) / step + 1 > static_cast<double>(kMaxAxisValues))
          r.error("step", "the range has about " + std::to_string(static_cast<long long>((to - from) / step + 1)) +
                              " values; at most " + std::to_string(kMaxAxisValues) + " per axis");
        for (std::size_t i = 0; from + static_cast<double>(i) * step <= to * (1 + 1e-12) + 1e-12 && i < kMaxAxisValues; ++i) {
          std::ostringstream os;
          os.precision(12);
          os << from + static_cast<double>(i) * step;
          axis.values.push_back(os.str());
        }
      }
    }
    s.axes.push_back(axis);
  }
  if (s.axes.empty() && s.draws == 0) root.error("axis", "a sweep needs at least one [[axis]] or draws > 0");
  doc.finish();
  refresh_identity(s);
  return s;
}

void refresh_identity(SweepSpec& spec) {
  Hasher h;
  std::ifstream in(spec.file, std::ios::binary);
  h.add(std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()));
  h.add(static_cast<std::int64_t>(spec.seed)).add(static_cast<std::int64_t>(spec.draws));
  for (const Override& o : spec.every_point) h.add(o.key_path).add(o.value_text);
  spec.identity = h.hex();
}

ShardSpec parse_shard(const std::string& text) {
  ShardSpec s;
  char slash = 0, tail = 0;
  std::istringstream is(text);
  if (!(is >> s.index >> slash >> s.count) || slash != '/' || (is >> tail) || s.count < 1 || s.index < 1 ||
      s.index > s.count)
    throw InputError(SourceLocation{"--shard " + text, 0, 0}, "", "expected K/M with 1 <= K <= M, e.g. 3/8");
  return s;
}

bool in_shard(std::size_t item, const ShardSpec& shard) {
  return item % static_cast<std::size_t>(shard.count) == static_cast<std::size_t>(shard.index - 1);
}

}  // namespace ascendsim
