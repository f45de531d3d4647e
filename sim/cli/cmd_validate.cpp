// `ascendsim validate FILE...`: loads each input file with the loader its top-level `kind` names
// and reports every problem found, all files at once. Exit 0 when all are valid, 2 otherwise.
#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>

#include "sim/cli/cli_args.hpp"
#include "sim/cli/command.hpp"
#include "sim/config/toml_reader.hpp"

namespace ascendsim::cli {

std::vector<KindSpec>& kinds() {
  static std::vector<KindSpec> all;
  return all;
}
std::string& validate_catalogue() {
  static std::string path = kDefaultChipCatalogue;
  return path;
}

// Reads only the `kind` key, with a located error when it is missing or unknown.
static const KindSpec& kind_of(const std::string& path) {
  TomlDocument doc = TomlDocument::load(path);
  Section root = doc.root();
  std::vector<std::string> names;
  for (const auto& k : kinds()) names.push_back(k.kind);
  std::sort(names.begin(), names.end());
  const std::string kind = root.choice("kind", names);
  if (root.failed()) {
    // Only the kind problem matters here; the loader reports the rest.
    try { doc.finish(); } catch (const InputError& e) {
      std::vector<Diagnostic> only;
      for (const auto& d : e.diagnostics())
        if (d.key_path == "kind") only.push_back(d);
      throw InputError(only);
    }
  }
  for (const auto& k : kinds())
    if (k.kind == kind) return k;
  throw InputError(SourceLocation{path, 1, 1}, "kind", "no loader for this kind");
}

static Registrar reg{{"validate", "Check input files (TOML) and report every problem with file:line:column and key",
                      10, [](CLI::App& sub) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto json = std::make_shared<bool>(false);
  sub.add_option("files", *files, "input files to check")->required();
  sub.add_option("--catalogue", validate_catalogue(), kCatalogueHelp);
  sub.add_flag("--json", *json, "machine-readable output");
  return [files, json]() -> int {
    nlohmann::json out = nlohmann::json::array();
    bool all_ok = true;
    for (const auto& f : *files) {
      nlohmann::json entry{{"file", f}, {"valid", true}, {"errors", nlohmann::json::array()}};
      try {
        const KindSpec& k = kind_of(f);
        k.validate(f);
        entry["kind"] = k.kind;
        if (!*json) std::cout << f << ": ok (" << k.kind << ")\n";
      } catch (const InputError& e) {
        all_ok = false;
        entry["valid"] = false;
        for (const auto& d : e.diagnostics()) {
          entry["errors"].push_back(d.format());
          if (!*json) std::cerr << d.format() << '\n';
        }
      }
      out.push_back(entry);
    }
    if (*json) print_json(out.dump(2));
    return all_ok ? 0 : 2;
  };
}, "ascendsim validate timelines/v4-ascend-thesis.toml platforms/chips.toml"}};

}  // namespace ascendsim::cli
