#include "sim/util/memory_budget.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sys/resource.h>
#include <unistd.h>

#include "sim/config/units.hpp"

namespace ascendsim {

namespace {

std::uint64_t read_cgroup_limit(const char* path) {
  std::ifstream in(path);
  std::string text;
  if (!(in >> text) || text == "max") return UINT64_MAX;
  char* end = nullptr;
  const unsigned long long v = std::strtoull(text.c_str(), &end, 10);
  return end && *end == '\0' && v > 0 ? v : UINT64_MAX;
}

}  // namespace

std::uint64_t memory_budget_bytes() {
  if (const char* env = std::getenv("ASCENDSIM_MEMORY_BUDGET"); env && *env) {
    std::string why;
    if (auto v = parse_quantity(env, Dimension::DataSize, &why); v && *v > 0) return static_cast<std::uint64_t>(*v);
    char* end = nullptr;
    const unsigned long long v = std::strtoull(env, &end, 10);
    if (end && *end == '\0' && v > 0) return v;
  }
  std::uint64_t budget = UINT64_MAX;
  const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
  if (pages > 0 && page > 0) budget = static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page);
  for (int res : {RLIMIT_AS, RLIMIT_DATA}) {
    rlimit rl{};
    if (getrlimit(res, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) budget = std::min<std::uint64_t>(budget, rl.rlim_cur);
  }
  budget = std::min(budget, read_cgroup_limit("/sys/fs/cgroup/memory.max"));
  budget = std::min(budget, read_cgroup_limit("/sys/fs/cgroup/memory/memory.limit_in_bytes"));
  return budget;
}

std::string format_bytes(double bytes) {
  const char* units[] = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
  int u = 0;
  while (bytes >= 1000 && u < 6) bytes /= 1000, ++u;
  char buf[64];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.3g %s", bytes, units[u]);
  return buf;
}

void check_fits_in_memory(double count, double bytes_each, std::uint64_t budget_bytes, const SourceLocation& where,
                          const std::string& key_path, const std::string& what, const std::string& advice) {
  const double need = count * bytes_each;
  if (!(need <= static_cast<double>(budget_bytes)))
    throw InputError(where, key_path,
                     "too large: " + std::to_string(static_cast<unsigned long long>(count)) +
                         " " + what + " need an estimated " + format_bytes(need) + " of memory (" +
                         format_bytes(bytes_each) + " each), more than the " + format_bytes(static_cast<double>(budget_bytes)) +
                         " this process may use; " + advice);
}

}  // namespace ascendsim
