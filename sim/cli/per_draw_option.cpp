#include "sim/cli/per_draw_option.hpp"

#include <filesystem>

#include "sim/config/input_error.hpp"
#include "sim/trace/output_guard.hpp"

namespace ascendsim::cli {

namespace {

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() > tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

bool check_per_draw_target(const std::string& path, long draws, bool force) {
  const bool json = ends_with(path, ".json");
  if (!json && !ends_with(path, ".csv"))
    throw InputError(SourceLocation{"--per-draw", 0, 0}, "--per-draw " + path, "the file name must end in .csv or .json");
  if (draws <= 0)
    throw InputError(SourceLocation{"--per-draw", 0, 0}, "--per-draw " + path,
                     "needs Monte Carlo draws: give --draws N (the scenario sets none)");
  check_may_write(path, "--per-draw", force, ForceMeans::ReplaceNamedFile);
  return json;
}

void write_per_draw(const std::string& path, std::string_view table, bool force) {
  std::error_code ec;
  if (const auto parent = std::filesystem::path(path).parent_path(); !parent.empty())
    std::filesystem::create_directories(parent, ec);
  write_output_file(path, table, "--per-draw", force);
}

}  // namespace ascendsim::cli
