// The one TOML loader. TOML++ parses; loaders pull values out through Section, which checks type,
// range and unit, records every problem with file:line:column and key path, and remembers which
// keys were read so that unknown keys (typos) are reported too. Loaders call finish() at the end:
// it throws one InputError holding every problem found in the file.
//
//   TomlDocument doc = TomlDocument::load("workloads/x.toml", overrides);
//   Section root = doc.root();
//   long pp = root.table("parallel").integer("pp", 1, 1 << 20);
//   doc.finish();   // throws InputError listing all problems, if any
//
// Keys `source`, `assumption` and `note` (and any key ending in `_source` or `_assumption`) are
// accepted in every table: they are how data files cite sources and mark guesses.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/config/input_error.hpp"
#include "sim/config/param.hpp"

namespace ascendsim {

// One `--set key.path=value` from the command line. The value is read as TOML ("5", "\"x\"",
// "{ dist = \"uniform\", low = 1, high = 2 }"); a bare word that is not TOML is taken as a string.
struct Override {
  std::string key_path;
  std::string value_text;
  bool used = false;  // set when applied, so unused overrides can be reported
  std::string origin;     // where it was given, for error locations ("--set fleet.org_share=20%")
  std::string user_path;  // the key path as the user gave it (key_path is rewritten while routing)
};
// Parses "a.b.c=value"; throws InputError (file "--set") when there is no '=' or no key.
Override parse_override(const std::string& text);

class TomlDocument;

class Section {
 public:
  const std::string& path() const { return path_; }  // dotted key path of this table ("" = root)
  const std::string& file() const;
  SourceLocation location() const;                    // where this table starts
  SourceLocation location(const std::string& key) const;  // where key's value is (or the table)
  std::string key_path(const std::string& key) const;     // path() + "." + key
  bool has(const std::string& key) const;
  bool is_date(const std::string& key) const;  // present and a TOML date (does not mark it read)
  std::vector<std::string> keys() const;  // in file order; does not mark them read

  // Required values record an error (and return a placeholder) when missing or wrong.
  std::string string(const std::string& key) const;
  std::string string_or(const std::string& key, const std::string& fallback) const;
  std::string choice(const std::string& key, const std::vector<std::string>& allowed,
                     const std::optional<std::string>& fallback = std::nullopt) const;
  bool boolean_or(const std::string& key, bool fallback) const;
  long integer(const std::string& key, long min = 0, long max = 1L << 62) const;
  long integer_or(const std::string& key, long fallback, long min = 0, long max = 1L << 62) const;
  // Plain numbers (TOML float or integer) for keys that name their unit ("hbm_GB = 128").
  double number(const std::string& key, double min, double max) const;
  double number_or(const std::string& key, double fallback, double min, double max) const;
  // Quantities with units ("400Gbps"). Count and Fraction also accept plain TOML numbers.
  double quantity(const std::string& key, Dimension dim, double min = 0, double max = 1e300) const;
  double quantity_or(const std::string& key, Dimension dim, double fallback, double min = 0,
                     double max = 1e300) const;
  std::optional<double> quantity_opt(const std::string& key, Dimension dim, double min = 0,
                                     double max = 1e300) const;
  // Possibly uncertain quantities: a plain quantity or an inline distribution table.
  // For Dimension::Date, values are TOML dates and the result is in days since 1970-01-01.
  Param param(const std::string& key, Dimension dim, double min = -1e300, double max = 1e300) const;
  Param param_or(const std::string& key, Dimension dim, double fallback, double min = -1e300,
                 double max = 1e300) const;
  long date(const std::string& key) const;  // TOML date -> days since 1970-01-01
  std::optional<long> date_opt(const std::string& key) const;
  std::vector<std::string> strings(const std::string& key) const;  // array of strings (may be absent: empty)
  // The elements of an array as TOML text ("\"5%\"", "2025-12-01", "384"), for values passed on
  // unchanged to another loader (sweep axes). Records an error when key is not a non-empty array.
  std::vector<std::string> raw_values(const std::string& key) const;

  // A file named by key (a string), resolved against the directory of this document's file
  // (absolute paths are kept). A missing file, a directory, or an empty name is recorded as an
  // error at the key, so the message points at the line that names the file. The _or form uses
  // `fallback` (resolved the same way) when the key is absent and then reports at this table.
  std::string path_ref(const std::string& key, const char* what = "file") const;
  std::string path_ref_or(const std::string& key, const std::string& fallback, const char* what = "file") const;
  // Checks an already-resolved path named by key (for loaders that resolve it themselves).
  void check_path_ref(const std::string& key, const std::string& resolved, const char* what = "file") const;

  Section table(const std::string& key) const;  // required sub-table
  std::optional<Section> table_opt(const std::string& key) const;
  std::vector<Section> tables(const std::string& key) const;  // array of tables (absent: empty)

  // Records a problem at key (or at the table when key is empty) without throwing.
  void error(const std::string& key, const std::string& message) const;
  // True once any error was recorded anywhere in the document.
  bool failed() const;

 private:
  friend class TomlDocument;
  Section(std::shared_ptr<struct DocState> doc, const void* table, std::string path)
      : doc_(std::move(doc)), table_(table), path_(std::move(path)) {}
  const void* node(const std::string& key) const;  // marks the key read; nullptr when absent
  std::string param_name(const std::string& key) const;  // the canonical name of a Param read at key
  Param distribution(const void* node, const std::string& key, Dimension dim, double min, double max) const;
  std::optional<double> scalar_quantity(const void* node, const std::string& key, Dimension dim,
                                        double min, double max) const;

  std::shared_ptr<struct DocState> doc_;
  const void* table_;  // const toml::table*
  std::string path_;
};

class TomlDocument {
 public:
  // Loads and parses a file, applying overrides whose key path starts with `prefix` (the prefix
  // is stripped; an empty prefix applies all). A missing file or a TOML syntax error throws at once.
  static TomlDocument load(const std::string& path, std::vector<Override>* overrides = nullptr,
                           const std::string& prefix = "");
  static TomlDocument parse(const std::string& text, const std::string& name);
  Section root() const;
  const std::string& file() const;
  // Reports unknown keys in every table that was opened, then throws InputError if anything failed.
  void finish() const;

 private:
  std::shared_ptr<struct DocState> state_;
};

// `rel` resolved against the directory of `document_file` (absolute and empty paths are kept).
std::string resolve_against(const std::string& document_file, const std::string& rel);

// The overrides addressed to one referenced file by a prefix ("catalogue.chips.x=1"), marking the
// originals used. With `strip` the prefix is removed for loaders that apply overrides to the whole
// file; without it, for loaders that take their own prefix (training., model.). Every command that
// reads several files routes --set with the same prefixes: catalogue., spec., training., model.,
// supply., failures., calendar.
std::vector<Override> take_overrides(std::vector<Override>* all, const std::string& prefix, bool strip);

// Checks that every override was applied to some document; throws InputError naming those that were not.
void check_overrides_used(const std::vector<Override>& overrides);

}  // namespace ascendsim
