// Headless Chromium (Debian package `chromium`) for the browser tier: load a local HTML file at a
// given window size and return the DOM after scripts ran (--dump-dom).
#pragma once
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <regex>
#include <string>

namespace ascendsim::test {

inline std::string run_command(const std::string& cmd, int& status) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[8192];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  status = pclose(p);
  return out;
}

inline const char* chromium_path() { return "/usr/bin/chromium"; }

// Flags shared by every run: no network, no first-run UI, a private profile in `profile_dir`.
inline std::string chromium_flags(const std::filesystem::path& profile_dir, int width, int height) {
  return std::string(chromium_path()) +
         " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
         " --disable-background-networking --disable-component-update --disable-sync"
         " --hide-scrollbars --force-device-scale-factor=1 --window-size=" + std::to_string(width) + "," + std::to_string(height) +
         " --user-data-dir='" + profile_dir.string() + "'";
}

inline std::string dump_dom(const std::filesystem::path& html, const std::filesystem::path& profile_dir, int width, int height) {
  int status = 0;
  const std::string dom =
      run_command(chromium_flags(profile_dir, width, height) + " --dump-dom 'file://" + html.string() + "' 2>/dev/null", status);
  REQUIRE(status == 0);
  return dom;
}

inline long probe_value(const std::string& dom, const std::string& key) {
  std::smatch m;
  const std::regex re(key + "=(\\d+)");
  REQUIRE(std::regex_search(dom, m, re));
  return std::stol(m[1]);
}

}  // namespace ascendsim::test
