// Human names for input key paths in charts ("fleet.org_share" -> "Organisation's share of supply",
// "calendar.milestones.work-start.not_before" -> "Work start"). The table is keyed on a path's last
// segment (with the one before it where the last is generic, such as `duration`), so it holds for
// every spelling of the path prefix; a path the table does not know is shown as itself.
#pragma once
#include <string>
#include <string_view>

namespace ascendsim {

std::string input_display_name(std::string_view key_path);

}  // namespace ascendsim
