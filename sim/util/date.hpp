// Civil dates as whole days since 1970-01-01 (proleptic Gregorian), so date arithmetic is
// integer arithmetic. Algorithms from Howard Hinnant's "chrono-compatible low-level date algorithms".
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace ascendsim {

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

long days_from_civil(CivilDate d);
CivilDate civil_from_days(long days);
bool is_valid_civil(CivilDate d);
std::string format_date(long days);  // "2025-12-01"
// Fractional days: formats the calendar day that contains `days` (floor).
std::string format_date_floor(double days);
std::optional<long> parse_iso_date(std::string_view text);  // "2025-12-01"

}  // namespace ascendsim
