// Typed error for bad input. Every message names file:line:column, the dotted key path,
// what was found and what was expected. Only main() turns it into stderr + exit status 2.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

namespace ascendsim {

struct SourceLocation {
  std::string file;  // path as the user gave it, or "--set key=value" for overrides
  int line = 0;      // 1-based; 0 when unknown (missing file)
  int column = 0;    // 1-based; 0 when unknown
};

struct Diagnostic {
  SourceLocation where;
  std::string key_path;  // dotted, e.g. "parallel.pp"; empty for file-level problems
  std::string message;   // "expected a positive integer, found -4"
  std::string format() const;  // "file:12:7: parallel.pp: expected ..., found ..."
};

// A value the user gave, for an error message: cut to kMaxQuotedChars characters (a 10 MB value
// is not echoed whole) with the full length said, e.g. "aaaa...[10485760 characters]".
// quote_value adds the double quotes.
constexpr std::size_t kMaxQuotedChars = 200;
std::string cut_value(const std::string& value);
std::string quote_value(const std::string& value);

class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  InputError(SourceLocation where, std::string key_path, std::string message);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace ascendsim
