// ascendsim: main() is a straight pipeline: parse the command line, run the chosen subcommand,
// turn bad input into a located message and exit status 2. Subcommands live in cmd_*.cpp.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>

#include "sim/cli/command.hpp"
#include "sim/config/input_error.hpp"
#include "sim/util/interrupt.hpp"
#include "sim/util/provenance.hpp"

namespace ascendsim::cli {
std::vector<CommandSpec>& registry() {
  static std::vector<CommandSpec> commands;
  return commands;
}
void print_json(const std::string& dumped) { std::cout << dumped << '\n'; }
}  // namespace ascendsim::cli

int main(int argc, char** argv) {
  using namespace ascendsim;
  install_interrupt_handlers();  // SIGINT/SIGTERM: stop children, remove staging, exit 130/143
  record_command_line(argc, argv);  // for the provenance block of every output
  CLI::App app{"ascendsim: training and serving timelines on Huawei Ascend clusters, from chip supply to a dated verdict"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "ascendsim 0.1.0");
  auto& commands = cli::registry();
  std::sort(commands.begin(), commands.end(), [](const auto& a, const auto& b) { return a.order < b.order; });
  std::map<CLI::App*, std::function<int()>> actions;
  for (auto& spec : commands) {
    CLI::App* sub = app.add_subcommand(spec.name, spec.help);
    actions[sub] = spec.setup(*sub);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  try {
    for (auto& [sub, action] : actions)
      if (sub->parsed()) return action();
  } catch (const InputError& e) {
    std::cerr << "ascendsim: error: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "ascendsim: error: " << e.what() << '\n';
    return 2;
  }
  return 2;
}
