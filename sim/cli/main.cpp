// ascendsim: main() is a straight pipeline: parse the command line, run the chosen subcommand,
// turn bad input into a located message and exit status 2. Subcommands live in cmd_*.cpp.
// Every error, CLI11's own included (unknown option, missing argument, extra positional), is
// printed as "ascendsim: error: ..." on stderr with exit status 2. `ascendsim help CMD` prints a
// command's help; --progress auto|always|never and --quiet are accepted by every command (the
// default comes from $ASCENDSIM_PROGRESS, else auto: on when stderr is a terminal).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>

#include "sim/cli/command.hpp"
#include "sim/config/input_error.hpp"
#include "sim/util/interrupt.hpp"
#include "sim/util/provenance.hpp"
#include "sim/util/progress.hpp"

namespace ascendsim::cli {
std::vector<CommandSpec>& registry() {
  static std::vector<CommandSpec> commands;
  return commands;
}
void print_json(const std::string& dumped) { std::cout << dumped << '\n'; }
}  // namespace ascendsim::cli

namespace {

struct GlobalOptions {
  std::string progress = "auto";  // default: $ASCENDSIM_PROGRESS when it is auto, always or never
  bool quiet = false;
};

// --progress and --quiet on the top level and on every (nested) subcommand.
void add_global_options(CLI::App& app, GlobalOptions& g) {
  app.add_option("--progress", g.progress, "progress on stderr: auto (when stderr is a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->group("Global");
  app.add_flag("-q,--quiet", g.quiet, "no progress output (same as --progress never)")->group("Global");
  for (CLI::App* sub : app.get_subcommands({})) add_global_options(*sub, g);
}

// `help [CMD [SUBCMD]]`: the help of the named command (or of the whole program).
int print_help(CLI::App& app, const std::vector<std::string>& names) {
  CLI::App* at = &app;
  for (const auto& n : names) {
    CLI::App* next = nullptr;
    try {
      next = at->get_subcommand(n);
    } catch (const CLI::OptionNotFound&) {
    }
    if (!next || n == "help") {
      std::cerr << "ascendsim: error: help " << n << ": no such command; commands:";
      for (CLI::App* s : at->get_subcommands({})) std::cerr << ' ' << s->get_name();
      std::cerr << '\n';
      return 2;
    }
    at = next;
  }
  if (at == &app) {
    std::cout << app.get_formatter()->make_help(&app, app.get_name(), CLI::AppFormatMode::Normal);
    return 0;
  }
  // The usage line names the parents as `CMD --help` prints them ("ascendsim platform generate").
  std::string path = app.get_name();
  for (std::size_t i = 0; i + 1 < names.size(); ++i) path += " " + names[i];
  std::cout << at->help(path);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace ascendsim;
  install_interrupt_handlers();  // SIGINT/SIGTERM: stop children, remove staging, exit 130/143
  record_command_line(argc, argv);  // for the provenance block of every output
  CLI::App app{"ascendsim: training and serving timelines on Huawei Ascend clusters, from chip supply to a dated verdict"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "ascendsim 0.1.0");
  app.footer("Run `ascendsim help CMD` (or `ascendsim CMD --help`) for a command's options and an example.");
  auto& commands = cli::registry();
  std::sort(commands.begin(), commands.end(), [](const auto& a, const auto& b) { return a.order < b.order; });
  std::map<CLI::App*, std::function<int()>> actions;
  for (auto& spec : commands) {
    CLI::App* sub = app.add_subcommand(spec.name, spec.help);
    actions[sub] = spec.setup(*sub);
    if (!spec.example.empty()) sub->footer("Example:\n  " + spec.example);
  }
  auto help_names = std::make_shared<std::vector<std::string>>();
  CLI::App* help = app.add_subcommand("help", "Print the help of a command: `ascendsim help run`");
  help->add_option("command", *help_names, "command (and subcommand) to describe");
  help->footer("Example:\n  ascendsim help platform generate");
  GlobalOptions global;
  if (const char* env = std::getenv("ASCENDSIM_PROGRESS")) {
    const std::string v = env;
    if (v == "auto" || v == "always" || v == "never") global.progress = v;
  }
  add_global_options(app, global);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string which;  // the command (and subcommand) being parsed: "platform generate"
    for (CLI::App* at = &app; at;) {
      CLI::App* next = nullptr;
      for (CLI::App* s : at->get_subcommands({}))
        if (s->parsed()) next = s;
      if (next) which += " " + next->get_name();
      at = next;
    }
    std::cerr << "ascendsim: error: " << e.what() << "\n(run `ascendsim help" << which << "` for usage)\n";
    return 2;
  }
  set_progress_mode(global.quiet || global.progress == "never" ? ProgressMode::Never
                    : global.progress == "always"             ? ProgressMode::Always
                                                              : ProgressMode::Auto);
  if (help->parsed()) return print_help(app, *help_names);
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
