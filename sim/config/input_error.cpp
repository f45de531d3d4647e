#include "sim/config/input_error.hpp"

namespace ascendsim {

std::string cut_value(const std::string& value) {
  if (value.size() <= kMaxQuotedChars) return value;
  std::size_t n = kMaxQuotedChars;
  while (n > 0 && (static_cast<unsigned char>(value[n]) & 0xC0) == 0x80) --n;  // do not split a UTF-8 character
  return value.substr(0, n) + "...[" + std::to_string(value.size()) + " characters]";
}

std::string quote_value(const std::string& value) { return "\"" + cut_value(value) + "\""; }

std::string Diagnostic::format() const {
  std::string out;
  out += where.file.empty() ? "<input>" : cut_value(where.file);
  if (where.line > 0) {
    out += ":" + std::to_string(where.line);
    if (where.column > 0) out += ":" + std::to_string(where.column);
  }
  out += ": ";
  if (!key_path.empty()) out += key_path + ": ";
  out += message;
  return out;
}

static std::string join_diagnostics(const std::vector<Diagnostic>& ds) {
  std::string out;
  for (const auto& d : ds) {
    if (!out.empty()) out += "\n";
    out += d.format();
  }
  return out;
}

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join_diagnostics(diagnostics)), diagnostics_(std::move(diagnostics)) {}

InputError::InputError(SourceLocation where, std::string key_path, std::string message)
    : InputError(std::vector<Diagnostic>{Diagnostic{std::move(where), std::move(key_path), std::move(message)}}) {}

}  // namespace ascendsim
