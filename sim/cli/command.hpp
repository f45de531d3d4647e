// Subcommand registry: each sim/cli/cmd_*.cpp registers one git-style subcommand with a static
// Registrar, so adding a command never touches main(). A command's callback returns the exit
// status: 0 success (a "does not fit" verdict is a success), 1 only from `check` on drift,
// 2 bad input or usage (InputError thrown from the library is turned into 2 by main).
#pragma once
#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace ascendsim::cli {

struct CommandSpec {
  std::string name;
  std::string help;
  int order;  // position in --help
  // Adds options to `sub` and returns the action to run after parsing.
  std::function<std::function<int()>(CLI::App& sub)> setup;
  // A real command line that works from the repository root, shown as the --help footer
  // (tests/integration/test_cli_common.cpp checks every command has one).
  std::string example = "";
};

std::vector<CommandSpec>& registry();

struct Registrar {
  explicit Registrar(CommandSpec spec) { registry().push_back(std::move(spec)); }
};

// Prints JSON (pretty, 2 spaces, sorted keys as nlohmann orders them) followed by a newline.
void print_json(const std::string& dumped);

}  // namespace ascendsim::cli

namespace ascendsim::cli {

// Input-file kinds for `ascendsim validate`: every input file has a top-level `kind = "..."` key
// and each loader registers a validator for its kind next to the commands that use it.
struct KindSpec {
  std::string kind;                               // "chips", "model", "scenario", ...
  std::function<void(const std::string& path)> validate;  // loads the file; throws InputError
};
std::vector<KindSpec>& kinds();
// The chip catalogue validators load (`validate --catalogue FILE`; default platforms/chips.toml).
std::string& validate_catalogue();
struct KindRegistrar {
  explicit KindRegistrar(KindSpec spec) { kinds().push_back(std::move(spec)); }
};

}  // namespace ascendsim::cli
