#include "sim/cli/cli_args.hpp"

#include <cctype>
#include <fstream>

#include "sim/config/units.hpp"

namespace ascendsim::cli {

namespace {
std::string quoted(const std::string& text) {
  return text.size() > 200 ? text.substr(0, 200) + "..." : text;
}
}  // namespace

std::uint64_t parse_count(const std::string& option, const std::string& text, std::uint64_t max, std::uint64_t min) {
  auto fail = [&](const std::string& why) -> std::uint64_t {
    throw CLI::ValidationError(option + " " + quoted(text) + ": " + why);
  };
  const std::string range = "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  std::size_t i = 0;
  if (!text.empty() && text[0] == '+') i = 1;
  if (i >= text.size()) return fail(range);
  if (text[0] == '-') return fail("negative; " + range);
  std::uint64_t v = 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (!std::isdigit(static_cast<unsigned char>(c)))
      return fail((c == '.' || c == 'e' || c == 'E' ? "not a whole number; " : "not a number; ") + range);
    const std::uint64_t d = static_cast<std::uint64_t>(c - '0');
    if (v > (max - d) / 10) return fail("too large; " + range);
    v = v * 10 + d;
  }
  if (v < min) return fail(range);
  return v;
}

void add_renamed(CLI::App& app, const std::string& name, const std::string& message, bool takes_value) {
  const std::string option = name.substr(name.rfind(',') == std::string::npos ? 0 : name.rfind(',') + 1);
  if (takes_value) {
    app.add_option_function<std::string>(name, [option, message](const std::string&) {
      throw CLI::ValidationError(option + ": " + message);
    })->group("");  // hidden from --help
  } else {
    app.add_flag_callback(name, [option, message]() { throw CLI::ValidationError(option + ": " + message); })->group("");
  }
}

double parse_bytes_option(const std::string& option, const std::string& text) {
  bool digits = !text.empty();
  for (char c : text) digits &= std::isdigit(static_cast<unsigned char>(c)) != 0;
  if (digits) return static_cast<double>(parse_count(option, text));
  std::string why;
  const auto v = parse_quantity(text, Dimension::DataSize, &why);
  if (!v || *v < 0)
    throw CLI::ValidationError(option + " " + quoted(text) + ": " +
                               (why.empty() ? "expected a data size such as 256MiB or a byte count" : why));
  return *v;
}

}  // namespace ascendsim::cli

#include <stdlib.h>

#include <filesystem>

#include "sim/platform/topology_xml.hpp"
#include "sim/util/atomic_file.hpp"
#include "sim/platform/platform_info.hpp"

namespace ascendsim::cli {

PlatformArg load_platform_arg(const std::string& file, ChipCatalogue& catalogue, std::vector<Override>* spec_overrides,
                              bool want_xml) {
  auto ends_with = [&](const std::string& tail) {
    return file.size() >= tail.size() && file.compare(file.size() - tail.size(), tail.size(), tail) == 0;
  };
  PlatformArg a;
  if (ends_with(".toml")) {
    add_spec_chips(catalogue, file, spec_overrides);
    a.spec = load_platform_spec(file, catalogue, spec_overrides);
    if (want_xml) {
      std::string dir = (std::filesystem::temp_directory_path() / "ascendsim-platform-XXXXXX").string();
      if (!mkdtemp(dir.data())) throw std::runtime_error("cannot create a temporary directory for " + file);
      a.scratch = std::shared_ptr<void>(nullptr, [dir](void*) {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
      });
      a.xml = dir + "/" + a.spec.name + ".xml";
      write_file_atomic(a.xml, generate_platform_xml(a.spec, catalogue));
    }
    return a;
  }
  if (!ends_with(".xml"))
    throw InputError(SourceLocation{"--platform " + file, 0, 0}, "--platform",
                     "expected a platform spec (platforms/specs/*.toml) or a platform XML written by `ascendsim "
                     "platform generate` (platforms/*.xml)");
  if (spec_overrides)
    for (const auto& o : *spec_overrides)
      throw InputError(SourceLocation{"--set " + o.key_path + "=" + o.value_text, 0, 0}, o.key_path,
                       "spec.* overrides need a platform spec (.toml); --platform " + file + " is an XML");
  // Only an XML that carries its spec (written by `platform generate`) can stand for a platform.
  {
    std::ifstream in(file);
    if (!in) throw InputError(SourceLocation{file, 0, 0}, "", "cannot open the platform file");
    std::string head(1 << 16, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    if (head.find("<prop id=\"ascendsim.") == std::string::npos)
      throw InputError(SourceLocation{file, 0, 0}, "--platform",
                       "this platform XML has no ascendsim.* properties (chip type and layout), so it was not written "
                       "by `ascendsim platform generate`; give a platform spec (platforms/specs/*.toml) or a "
                       "generated XML (platforms/*.xml)");
  }
  a.spec = read_platform_info(file).spec;
  (void)catalogue.find(a.spec.chip);  // the chip must be known, located at the catalogue
  a.xml = file;
  a.is_xml = true;
  return a;
}

}  // namespace ascendsim::cli
