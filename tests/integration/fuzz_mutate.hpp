// Seeded input mutations and a child-process runner shared by the fuzz tests
// (test_fuzz_inputs.cpp through validate, test_fuzz_paths.cpp through run, step, check, platform info).
#pragma once
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/util/rng.hpp"

namespace fuzz {

namespace fs = std::filesystem;
using ascendsim::Rng;


inline std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream is(s);
  while (std::getline(is, line)) lines.push_back(line);
  return lines;
}

inline std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

inline std::size_t pick(Rng& rng, std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(rng.next_u64() % n); }

// Lines that assign a value ("key = value"), the targets of value mutations.
inline std::vector<std::size_t> assignment_lines(const std::vector<std::string>& lines) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto eq = lines[i].find('=');
    const auto hash = lines[i].find('#');
    if (eq != std::string::npos && (hash == std::string::npos || hash > eq) && lines[i].find('[') != 0) out.push_back(i);
  }
  return out;
}

inline std::string replace_value(const std::string& line, const std::string& value) {
  return line.substr(0, line.find('=') + 1) + " " + value;
}

// One seeded mutation of `text`; `what` says which, for the reproduction message.
inline std::string mutate(const std::string& text, Rng& rng, std::string* what) {
  auto lines = split_lines(text);
  const auto assigns = assignment_lines(lines);
  static const char* kValues[] = {"-4", "0", "1e308", "-1e308", "9223372036854775807", "-9223372036854775807",
                                  "\"garbage\"", "\"12 parsecs\"", "\"400Gxps\"", "\"-5GBps\"", "\"1e999TFLOPS\"",
                                  "true", "[1, \"a\"]", "{ dist = \"uniform\", low = 3, high = 1 }",
                                  "{ dist = \"normal\" }", "2025-02-30", "1979-05-27T07:32:00Z", "\"\"", "nan",
                                  "inf", "[]", "{}", "\"0%\"", "\"-20%\"", "\"100000%\"", "0.0", "-0.5"};
  switch (pick(rng, 9)) {
    case 0:
      if (lines.empty()) break;
      {
        const auto i = pick(rng, lines.size());
        *what = "delete line " + std::to_string(i + 1);
        lines.erase(lines.begin() + static_cast<long>(i));
      }
      return join_lines(lines);
    case 1:
    case 2:
    case 3:
      if (assigns.empty()) break;
      {
        const auto i = assigns[pick(rng, assigns.size())];
        const std::string v = kValues[pick(rng, sizeof kValues / sizeof *kValues)];
        *what = "line " + std::to_string(i + 1) + " value -> " + v;
        lines[i] = replace_value(lines[i], v);
      }
      return join_lines(lines);
    case 4:
      if (assigns.empty()) break;
      {
        const auto i = assigns[pick(rng, assigns.size())];
        *what = "duplicate line " + std::to_string(i + 1);
        lines.insert(lines.begin() + static_cast<long>(i) + 1, lines[i]);
      }
      return join_lines(lines);
    case 5: {
      const auto cut = pick(rng, text.size() + 1);
      *what = "truncate at byte " + std::to_string(cut);
      return text.substr(0, cut);
    }
    case 6: {
      const auto at = pick(rng, text.size() + 1);
      *what = "invalid UTF-8 at byte " + std::to_string(at);
      return text.substr(0, at) + "\xC3\x28\xFF" + text.substr(at);
    }
    case 7: {
      std::string t = text;
      if (t.empty()) break;
      const auto at = pick(rng, t.size());
      t[at] = static_cast<char>(rng.next_u64() & 0xFF);
      *what = "byte flip at " + std::to_string(at);
      return t;
    }
    case 8:
      if (lines.empty()) break;
      {
        const auto i = pick(rng, lines.size());
        *what = "swap lines " + std::to_string(i + 1) + " and " + std::to_string(i / 2 + 1);
        std::swap(lines[i], lines[i / 2]);
      }
      return join_lines(lines);
  }
  *what = "unchanged";
  return text;
}

struct ProcessResult {
  int status = -1;
  bool signalled = false;
  std::string out, err;
};

inline ProcessResult run(const std::string& cmd, const fs::path& out_file, const fs::path& err_file) {
  const std::string full = cmd + " >" + out_file.string() + " 2>" + err_file.string();
  const int raw = std::system(full.c_str());
  ProcessResult r;
  if (WIFEXITED(raw)) r.status = WEXITSTATUS(raw);
  r.signalled = WIFSIGNALED(raw) || (WIFEXITED(raw) && WEXITSTATUS(raw) >= 124);  // timeout(1): 124, signals 128+
  r.out = read_all(out_file);
  r.err = read_all(err_file);
  return r;
}

}  // namespace fuzz
