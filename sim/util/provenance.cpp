#include "sim/util/provenance.hpp"

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <set>

#include "sim/util/disk_cache.hpp"
#include "sim/util/hash.hpp"
#include "sim/util/version.hpp"

namespace ascendsim {

namespace {

std::mutex& mu() {
  static std::mutex m;
  return m;
}
std::vector<std::string>& command_line() {
  static std::vector<std::string> v;
  return v;
}
std::set<std::string>& files() {
  static std::set<std::string> s;
  return s;
}

}  // namespace

void record_command_line(int argc, const char* const* argv) {
  std::lock_guard<std::mutex> lock(mu());
  command_line().assign(argv, argv + argc);
}

const std::vector<std::string>& recorded_command_line() { return command_line(); }

void note_input_file(const std::string& path) {
  const std::string p = std::filesystem::path(path).lexically_normal().string();
  std::lock_guard<std::mutex> lock(mu());
  files().insert(p);
}

std::vector<std::string> input_files_read() {
  std::lock_guard<std::mutex> lock(mu());
  return {files().begin(), files().end()};
}

CacheFacts step_cache_facts(bool use_cache) {
  CacheFacts c;
  DiskCache cache("steps");
  c.enabled = cache.enabled();
  c.read = use_cache && c.enabled;
  if (c.enabled) c.directory = std::filesystem::path(cache.path_for("x")).parent_path().parent_path().string();
  return c;
}

nlohmann::json provenance_json(const ProvenanceFacts& f) {
  nlohmann::json j;
  j["ascendsim_version"] = ascendsim_version();
  j["command_line"] = recorded_command_line();
  nlohmann::json ov = nlohmann::json::array();
  for (const auto& [k, v] : f.overrides) ov.push_back({{"key", k}, {"value", v}});
  j["overrides"] = ov;
  j["options"] = f.options;
  j["threads"] = f.threads;
  nlohmann::json in = nlohmann::json::array();
  for (const auto& p : input_files_read()) in.push_back({{"path", p}, {"fnv1a64", hash_file_hex(p)}});
  j["input_files"] = in;
  nlohmann::json c;
  c["enabled"] = f.cache.enabled;
  c["read"] = f.cache.read;
  c["directory"] = f.cache.enabled ? nlohmann::json(f.cache.directory) : nlohmann::json(nullptr);
  c["steps_from_cache"] = f.cache.steps_from_cache >= 0 ? nlohmann::json(f.cache.steps_from_cache) : nlohmann::json(nullptr);
  c["steps_simulated"] = f.cache.steps_simulated >= 0 ? nlohmann::json(f.cache.steps_simulated) : nlohmann::json(nullptr);
  j["cache"] = c;
  return j;
}

std::vector<std::pair<std::string, std::string>> provenance_rows(const nlohmann::json& p) {
  std::vector<std::pair<std::string, std::string>> rows;
  auto text = [](const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); };
  rows.emplace_back("ascendsim version", text(p.value("ascendsim_version", nlohmann::json(""))));
  std::string cmd;
  const nlohmann::json args = p.value("command_line", nlohmann::json::array());
  const nlohmann::json overrides = p.value("overrides", nlohmann::json::array());
  const nlohmann::json options = p.value("options", nlohmann::json::object());
  const nlohmann::json inputs = p.value("input_files", nlohmann::json::array());
  for (const auto& a : args) cmd += (cmd.empty() ? "" : " ") + text(a);
  rows.emplace_back("command line", cmd);
  std::string ov;
  for (const auto& o : overrides)
    ov += (ov.empty() ? "" : ", ") + text(o.value("key", nlohmann::json(""))) + " = " + text(o.value("value", nlohmann::json("")));
  rows.emplace_back("overrides (--set)", ov.empty() ? "none" : ov);
  std::string opts;
  for (const auto& [k, v] : options.items()) opts += (opts.empty() ? "" : ", ") + k + " = " + text(v);
  rows.emplace_back("options", opts.empty() ? "none" : opts);
  rows.emplace_back("threads", text(p.value("threads", nlohmann::json(1))));
  for (const auto& f : inputs)
    rows.emplace_back("input " + text(f.value("path", nlohmann::json(""))), "fnv1a64 " + text(f.value("fnv1a64", nlohmann::json(""))));
  const auto c = p.value("cache", nlohmann::json::object());
  std::string cache = c.value("enabled", false) ? "directory " + text(c.value("directory", nlohmann::json(""))) : "disabled";
  if (c.value("enabled", false) && !c.value("read", false)) cache += ", not read (--no-cache)";
  if (c.contains("steps_from_cache") && !c["steps_from_cache"].is_null())
    cache += "; steps from cache " + text(c["steps_from_cache"]) + ", simulated " + text(c.value("steps_simulated", nlohmann::json(0)));
  rows.emplace_back("step cache", cache);
  return rows;
}

}  // namespace ascendsim
