// How much memory a run may take, and the up-front refusal of sizes that cannot fit: an input
// that would need more than the machine has (2^31 Monte Carlo draws, 10^9 serving requests) is
// an input error with the estimate, not a std::bad_alloc or an hour of swapping.
#pragma once
#include <cstdint>
#include <string>

#include "sim/config/input_error.hpp"

namespace ascendsim {

// The smallest of physical memory, RLIMIT_AS, RLIMIT_DATA and the cgroup's memory.max (v2) or
// memory.limit_in_bytes (v1). ASCENDSIM_MEMORY_BUDGET (bytes, or with a unit: "2GiB") overrides.
std::uint64_t memory_budget_bytes();

// "1.29 TB" style, for messages.
std::string format_bytes(double bytes);

// Throws InputError at `where` / `key_path` when count x bytes_each exceeds budget_bytes; the
// message says the estimate, the per-item size and the budget. `what` names the items ("draws").
void check_fits_in_memory(double count, double bytes_each, std::uint64_t budget_bytes, const SourceLocation& where,
                          const std::string& key_path, const std::string& what, const std::string& advice);

}  // namespace ascendsim
