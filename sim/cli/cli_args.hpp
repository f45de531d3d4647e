// Command-line option helpers shared by every subcommand, so each kind of argument has one type,
// one parser and one error form ("ascendsim: error: --draws -1: expected ...", exit status 2):
//  - counts (--draws, --requests, --chips, --threads, --seed, ...) are unsigned 64-bit integers,
//    refused when negative, fractional, not a number, or above what the target can hold;
//  - a renamed option stays registered and refuses with a message that says what changed;
//  - `--catalogue FILE` is the chip catalogue on every command that reads chips.
// Errors are CLI::ValidationError, which main() formats like every other error.
#pragma once
#include <CLI/CLI.hpp>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>

namespace ascendsim::cli {

// Parses a whole non-negative integer (decimal digits only, optional leading '+') no larger than
// `max`; throws CLI::ValidationError "OPTION TEXT: expected ...".
std::uint64_t parse_count(const std::string& option, const std::string& text,
                          std::uint64_t max = std::numeric_limits<std::uint64_t>::max(), std::uint64_t min = 0);

// A count option bound to an integer (or std::optional of one) of any unsigned or signed type.
template <class T>
struct CountValue { using type = T; };
template <class T>
struct CountValue<std::optional<T>> { using type = T; };

template <class T>
CLI::Option* add_count(CLI::App& app, const std::string& name, T& target, const std::string& help,
                       std::uint64_t min = 0) {
  using V = typename CountValue<T>::type;
  static_assert(std::is_integral_v<V>, "add_count binds integers");
  const std::string option = name.substr(name.rfind(',') == std::string::npos ? 0 : name.rfind(',') + 1);
  auto* opt = app.add_option_function<std::string>(
      name,
      [&target, option, min](const std::string& text) {
        target = static_cast<V>(parse_count(option, text, static_cast<std::uint64_t>(std::numeric_limits<V>::max()), min));
      },
      help);
  opt->type_name("N");
  return opt;
}

// Registers `name` (an old option) so that using it fails with `message` (what it is called now).
void add_renamed(CLI::App& app, const std::string& name, const std::string& message, bool takes_value = true);

// The chip catalogue option every command that reads chips carries.
inline constexpr const char* kCatalogueHelp =
    "chip catalogue (kind = \"chips\", default platforms/chips.toml); a platform spec may add its own [chip.NAME] "
    "entries to it";

inline constexpr const char* kPlatformHelp =
    "platform spec (platforms/specs/*.toml) or platform XML written by `ascendsim platform generate` (platforms/*.xml)";
inline constexpr const char* kTraceRenamed =
    "renamed: an output trace is --trace-out FILE on every command (serve reads request arrivals with --arrivals FILE)";

// A data size for an option: "256MiB", "4GB", or a plain byte count ("4194304"). Throws
// CLI::ValidationError naming the option.
double parse_bytes_option(const std::string& option, const std::string& text);

}  // namespace ascendsim::cli

#include "sim/platform/chip_catalogue.hpp"
#include "sim/platform/topology_spec.hpp"

namespace ascendsim::cli {

// `--platform FILE` on every command: a platform spec (.toml; its own [chips.NAME] are added to
// `catalogue`, `spec_overrides` applied) or a platform XML written by `platform generate` (its
// root-zone ascendsim.* properties give the spec; an XML without them is refused). With
// `want_xml` a spec is also written out as the XML `platform generate` writes (byte-identical, so
// both forms give the same results), in a private temporary directory (mkdtemp, 0700) removed
// when the PlatformArg goes away.
struct PlatformArg {
  PlatformSpec spec;
  std::string xml;  // set for an XML, or for a spec with want_xml
  bool is_xml = false;
  std::shared_ptr<void> scratch;  // a spec's XML lives in a private directory removed with this
};
PlatformArg load_platform_arg(const std::string& file, ChipCatalogue& catalogue, std::vector<Override>* spec_overrides,
                              bool want_xml);

}  // namespace ascendsim::cli
