// `ascendsim platform info FILE [--json]` and `ascendsim platform generate SPEC [-o FILE] [--force]`,
// plus the validators for kind = "chips" and kind = "platform-spec" used by `ascendsim validate`.
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "sim/cli/cli_args.hpp"
#include "sim/cli/command.hpp"
#include "sim/config/units.hpp"
#include "sim/platform/chip_catalogue.hpp"
#include "sim/platform/platform_info.hpp"
#include "sim/platform/topology_xml.hpp"
#include "sim/trace/output_guard.hpp"

namespace ascendsim::cli {

static KindRegistrar chips_kind{{"chips", [](const std::string& path) { load_chip_catalogue(path); }}};
static KindRegistrar spec_kind{{"platform-spec", [](const std::string& path) {
                                  ChipCatalogue cat = load_chip_catalogue(validate_catalogue());
                                  add_spec_chips(cat, path);
                                  load_platform_spec(path, cat);
                                }}};

static nlohmann::json info_json(const PlatformInfo& i) {
  return {{"name", i.name},
          {"chips", i.chips},
          {"chip_types", i.chip_types},
          {"nodes", i.nodes},
          {"racks", i.racks},
          {"supernodes", i.supernodes},
          {"pods", i.pods},
          {"chips_per_node", i.chips_per_node},
          {"chips_per_supernode", i.chips_per_supernode},
          {"scaleup_bandwidth_Bps", i.scaleup_bandwidth_Bps},
          {"scaleout_bandwidth_Bps", i.scaleout_bandwidth_Bps},
          {"bisection_bandwidth_Bps", i.bisection_bandwidth_Bps},
          {"node_storage_bandwidth_Bps", i.node_storage_bandwidth_Bps},
          {"storage_system_bandwidth_Bps", i.storage_system_bandwidth_Bps},
          {"storage_bandwidth_Bps", i.storage_bandwidth_Bps}};
}

static Registrar reg{{"platform", "Platform files: `info FILE` summarises one, `generate SPEC` writes SimGrid XML", 20,
                      [](CLI::App& sub) {
  sub.require_subcommand(1);
  auto info_file = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  CLI::App* info = sub.add_subcommand("info", "Chip count, chip types, nodes, per-chip bandwidths, bisection, storage");
  info->add_option("file", *info_file, "platform XML made by `platform generate`")->required();
  info->add_flag("--json", *json, "machine-readable output");
  info->footer("Example:\n  ascendsim platform info platforms/cloudmatrix384.xml --json");
  auto spec_file = std::make_shared<std::string>();
  auto out_file = std::make_shared<std::string>();
  auto catalogue = std::make_shared<std::string>(kDefaultChipCatalogue);
  auto force = std::make_shared<bool>(false);
  auto sets = std::make_shared<std::vector<std::string>>();
  CLI::App* gen = sub.add_subcommand("generate", "Write the SimGrid platform XML for a platform spec (TOML)");
  gen->add_option("spec", *spec_file, "platform spec (kind = \"platform-spec\")")->required();
  gen->add_option("-o,--out", *out_file, "output XML (default: platforms/<name>.xml)");
  add_renamed(*gen, "--output", "renamed: the output file is -o/--out FILE");
  gen->add_option("--catalogue", *catalogue, kCatalogueHelp);
  add_renamed(*gen, "--chips",
              "renamed: the chip catalogue is --catalogue FILE on every command (--chips is a chip count elsewhere)");
  gen->add_option("--set", *sets, "override key.path=value in the spec");
  gen->add_flag("--force", *force, "replace an existing output file ascendsim did not write");
  gen->footer("Example:\n  ascendsim platform generate platforms/specs/example-newchip.toml --out /tmp/example-newchip.xml");
  return [=]() -> int {
    if (info->parsed()) {
      const PlatformInfo i = read_platform_info(*info_file);
      if (*json) {
        print_json(info_json(i).dump(2));
        return 0;
      }
      auto bw = [](double v) { return format_quantity(v, Dimension::Bandwidth); };
      std::cout << "platform:   " << i.name << " (" << *info_file << ")\n"
                << "chips:      " << i.chips << " x " << i.chip_types.front() << "\n"
                << "nodes:      " << i.nodes << " (" << i.chips_per_node << " chips each), racks " << i.racks
                << ", supernodes " << i.supernodes << " (" << i.chips_per_supernode << " chips each), pods " << i.pods << "\n"
                << "scale-up:   " << bw(i.scaleup_bandwidth_Bps) << " per chip per direction\n"
                << "scale-out:  " << bw(i.scaleout_bandwidth_Bps) << " per chip per direction\n"
                << "bisection:  " << bw(i.bisection_bandwidth_Bps) << " per direction\n"
                << "storage:    " << bw(i.node_storage_bandwidth_Bps) << " per node, system "
                << bw(i.storage_system_bandwidth_Bps) << ", all nodes at once " << bw(i.storage_bandwidth_Bps) << "\n";
      return 0;
    }
    std::vector<Override> overrides;
    for (const auto& s : *sets) overrides.push_back(parse_override(s));
    ChipCatalogue cat = load_chip_catalogue(*catalogue);
    add_spec_chips(cat, *spec_file, &overrides);
    const PlatformSpec spec = load_platform_spec(*spec_file, cat, &overrides);
    check_overrides_used(overrides);
    const std::string out = out_file->empty() ? "platforms/" + spec.name + ".xml" : *out_file;
    write_output_file(out, generate_platform_xml(spec, cat), "--output", *force);
    std::cerr << "wrote " << out << " (" << spec.chips() << " chips)\n";
    return 0;
  };
}, "ascendsim platform info platforms/cloudmatrix384.xml\n  ascendsim platform generate platforms/specs/example-newchip.toml --out /tmp/example-newchip.xml"}};

}  // namespace ascendsim::cli
