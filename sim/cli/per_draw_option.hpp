// The --per-draw FILE option of `run`, `sweep` and `merge`: FILE.csv or FILE.json, refused before
// any work when the name is wrong or names a file ascendsim may not replace (docs/outputs.md), and
// written atomically once the draws are done.
#pragma once
#include <string>
#include <string_view>

namespace ascendsim::cli {

// Validates the name and the right to write it; returns true for .json, false for .csv. Throws
// InputError (exit 2) otherwise. `draws` is the number of Monte Carlo draws the command will run.
bool check_per_draw_target(const std::string& path, long draws, bool force);

// Creates the parent directory if needed and writes the table atomically.
void write_per_draw(const std::string& path, std::string_view table, bool force);

}  // namespace ascendsim::cli
