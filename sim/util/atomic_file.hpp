// Every output file goes through here: written to a temporary file in the same directory, flushed,
// then renamed over the target, so an interrupted run never leaves a half-written file.
#pragma once
#include <string>
#include <string_view>

namespace ascendsim {

// Throws std::runtime_error (an I/O failure, not bad input) if the file cannot be written.
// The temporary file (".NAME.tmp.XXXXXX") is removed on failure and on SIGINT/SIGTERM.
void write_file_atomic(const std::string& path, std::string_view content);

// `n` characters from [a-zA-Z0-9], different on every call (names of temporary files).
std::string random_suffix(std::size_t n);

}  // namespace ascendsim
