// The TOML loader's core: loading a document, handing out Sections, typed and range-checked
// scalar values, and the unknown-key report. Overrides live in toml_overrides.cpp and
// distributions in toml_distribution.cpp.
#include "sim/config/toml_reader.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

#include "sim/config/overrides.hpp"
#include "sim/config/toml_detail.hpp"
#include "sim/util/date.hpp"
#include "sim/util/provenance.hpp"

namespace ascendsim {

namespace toml_detail {

SourceLocation loc_of(const toml::source_region& r, const std::string& fallback_file) {
  SourceLocation l;
  l.file = r.path ? *r.path : fallback_file;
  l.line = static_cast<int>(r.begin.line);
  l.column = static_cast<int>(r.begin.column);
  if (l.line == 0) l.line = 1;
  if (l.column == 0) l.column = 1;
  return l;
}

std::string describe(const toml::node& n) {
  std::ostringstream os;
  switch (n.type()) {
    case toml::node_type::string: os << quote_value(n.as_string()->get()); break;
    case toml::node_type::integer: os << n.as_integer()->get(); break;
    case toml::node_type::floating_point: os << n.as_floating_point()->get(); break;
    case toml::node_type::boolean: os << (n.as_boolean()->get() ? "true" : "false"); break;
    case toml::node_type::date: os << "a date"; break;
    case toml::node_type::time: os << "a time"; break;
    case toml::node_type::date_time: os << "a date-time"; break;
    case toml::node_type::table: os << "a table"; break;
    case toml::node_type::array: os << "an array"; break;
    default: os << "nothing"; break;
  }
  return os.str();
}

}  // namespace toml_detail

using toml_detail::as_node;
using toml_detail::as_tbl;
using toml_detail::describe;
using toml_detail::loc_of;

namespace {

bool is_metadata_key(const std::string& k) {
  auto ends_with = [&](const char* suffix) {
    const std::size_t n = std::char_traits<char>::length(suffix);
    return k.size() >= n && k.compare(k.size() - n, n, suffix) == 0;
  };
  return k == "source" || k == "sources" || k == "assumption" || k == "note" || k == "notes" ||
         ends_with("_source") || ends_with("_assumption");
}

}  // namespace

// ---------------------------------------------------------------- TomlDocument

TomlDocument TomlDocument::load(const std::string& path, std::vector<Override>* overrides, const std::string& prefix) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(path, ec)) throw InputError(SourceLocation{path, 0, 0}, "", "file not found");
  if (fs::is_directory(path, ec)) throw InputError(SourceLocation{path, 0, 0}, "", "is a directory, expected a TOML file");
  TomlDocument doc;
  doc.state_ = std::make_shared<DocState>();
  doc.state_->file = path;
  doc.state_->prefix = prefix;
  try {
    doc.state_->root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw InputError(loc_of(e.source(), path), "", "TOML syntax error: " + std::string(e.description()));
  }
  note_input_file(path);  // for the provenance block of this command's outputs
  if (overrides) {
    std::vector<Diagnostic> ds;
    for (auto& o : *overrides) {
      std::string rel = o.key_path;
      if (!prefix.empty()) {
        if (rel.rfind(prefix + ".", 0) != 0) continue;
        rel = rel.substr(prefix.size() + 1);
      }
      std::string why;
      std::vector<const toml::node*> created;
      if (const toml::node* n = apply_override(doc.state_->root, rel, o, &why, &created)) {
        doc.state_->set_nodes[n] = o;
        for (const toml::node* c : created) doc.state_->set_nodes[c] = o;
      } else {
        ds.push_back({override_location(o), "", why});
      }
      o.used = true;
    }
    if (!ds.empty()) throw InputError(std::move(ds));
  }
  return doc;
}

TomlDocument TomlDocument::parse(const std::string& text, const std::string& name) {
  TomlDocument doc;
  doc.state_ = std::make_shared<DocState>();
  doc.state_->file = name;
  try {
    doc.state_->root = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    throw InputError(loc_of(e.source(), name), "", "TOML syntax error: " + std::string(e.description()));
  }
  return doc;
}

Section TomlDocument::root() const {
  state_->opened.emplace_back(&state_->root, "");
  return Section(state_, &state_->root, "");
}

const std::string& TomlDocument::file() const { return state_->file; }

void TomlDocument::finish() const {
  std::set<const toml::table*> seen;
  for (const auto& [tbl, path] : state_->opened) {
    if (!seen.insert(tbl).second) continue;
    const auto& read = state_->read_keys[tbl];
    for (auto&& [k, v] : *tbl) {
      const std::string key(k.str());
      if (read.count(key) || is_metadata_key(key)) continue;
      if (auto it = state_->set_nodes.find(&v); it != state_->set_nodes.end()) {
        state_->errors.push_back({override_location(it->second), "", "unknown key '" + it->second.user_path + "'"});
        continue;
      }
      state_->errors.push_back({loc_of(v.source(), state_->file), path.empty() ? key : path + "." + key,
                                "unknown key (check its spelling; see the README's input reference)"});
    }
  }
  if (!state_->errors.empty()) {
    auto errs = state_->errors;
    std::stable_sort(errs.begin(), errs.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
    });
    throw InputError(std::move(errs));
  }
}

// ---------------------------------------------------------------- Section

const std::string& Section::file() const { return doc_->file; }

SourceLocation Section::location() const { return loc_of(as_tbl(table_)->source(), doc_->file); }

SourceLocation Section::location(const std::string& key) const {
  if (const toml::node* n = as_tbl(table_)->get(key)) return loc_of(n->source(), doc_->file);
  return location();
}

std::string Section::key_path(const std::string& key) const {
  if (key.empty()) return path_;
  return path_.empty() ? key : path_ + "." + key;
}

std::string Section::param_name(const std::string& key) const {
  return name_param(doc_->file, doc_->prefix, named_path(doc_->root, key_path(key)));
}

bool Section::has(const std::string& key) const { return as_tbl(table_)->contains(key); }

bool Section::is_date(const std::string& key) const {
  const toml::node* n = as_tbl(table_)->get(key);
  return n && n->is_date();
}

std::vector<std::string> Section::keys() const {
  std::vector<std::string> out;
  for (auto&& [k, v] : *as_tbl(table_)) out.emplace_back(k.str());
  return out;
}

const void* Section::node(const std::string& key) const {
  const toml::node* n = as_tbl(table_)->get(key);
  if (n) doc_->read_keys[as_tbl(table_)].insert(key);
  return n;
}

void Section::error(const std::string& key, const std::string& message) const {
  doc_->errors.push_back({location(key), key_path(key), message});
}

bool Section::failed() const { return !doc_->errors.empty(); }

std::string Section::string(const std::string& key) const {
  const toml::node* n = as_node(node(key));
  if (!n) { error(key, "missing (expected a string)"); return {}; }
  if (!n->is_string()) { error(key, "expected a string, found " + describe(*n)); return {}; }
  return n->as_string()->get();
}

std::string Section::string_or(const std::string& key, const std::string& fallback) const {
  if (!has(key)) return fallback;
  return string(key);
}

std::string Section::choice(const std::string& key, const std::vector<std::string>& allowed,
                            const std::optional<std::string>& fallback) const {
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + ("\"" + a + "\"");
  if (!has(key) && fallback) return *fallback;
  const toml::node* n = as_node(node(key));
  if (!n) { error(key, "missing (expected one of " + list + ")"); return allowed.front(); }
  if (!n->is_string()) { error(key, "expected one of " + list + ", found " + describe(*n)); return allowed.front(); }
  const std::string v = n->as_string()->get();
  if (std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
    error(key, "expected one of " + list + ", found " + quote_value(v));
    return allowed.front();
  }
  return v;
}

bool Section::boolean_or(const std::string& key, bool fallback) const {
  const toml::node* n = as_node(node(key));
  if (!n) return fallback;
  if (!n->is_boolean()) { error(key, "expected true or false, found " + describe(*n)); return fallback; }
  return n->as_boolean()->get();
}

long Section::integer(const std::string& key, long min, long max) const {
  const toml::node* n = as_node(node(key));
  const std::string want = min >= 1 ? "a positive integer" : "an integer";
  if (!n) { error(key, "missing (expected " + want + ")"); return std::max(min, 1L); }
  if (!n->is_integer()) { error(key, "expected " + want + ", found " + describe(*n)); return std::max(min, 1L); }
  const long v = static_cast<long>(n->as_integer()->get());
  if (v < min || v > max) {
    error(key, "expected " + want + " in [" + std::to_string(min) + ", " + std::to_string(max) + "], found " +
                   std::to_string(v));
    return std::max(min, 1L);
  }
  return v;
}

long Section::integer_or(const std::string& key, long fallback, long min, long max) const {
  return has(key) ? integer(key, min, max) : fallback;
}

double Section::number(const std::string& key, double min, double max) const {
  const toml::node* n = as_node(node(key));
  if (!n) { error(key, "missing (expected a number)"); return min > 0 ? min : 1.0; }
  double v = 0;
  if (n->is_integer()) v = static_cast<double>(n->as_integer()->get());
  else if (n->is_floating_point()) v = n->as_floating_point()->get();
  else { error(key, "expected a number, found " + describe(*n)); return min > 0 ? min : 1.0; }
  if (!std::isfinite(v) || v < min || v > max) {
    std::ostringstream os;
    os << "expected a number in [" << min << ", " << max << "], found " << describe(*n);
    error(key, os.str());
    return min > 0 ? min : 1.0;
  }
  return v;
}

double Section::number_or(const std::string& key, double fallback, double min, double max) const {
  return has(key) ? number(key, min, max) : fallback;
}

std::optional<double> Section::scalar_quantity(const void* vp, const std::string& key, Dimension dim, double min,
                                               double max) const {
  const toml::node* n = as_node(vp);
  double v = 0;
  if (dim == Dimension::Date) {
    if (!n->is_date()) { error(key, std::string("expected ") + dimension_name(dim) + ", found " + describe(*n)); return std::nullopt; }
    const toml::date d = n->as_date()->get();
    v = static_cast<double>(days_from_civil(CivilDate{d.year, d.month, d.day}));
  } else if (n->is_string()) {
    std::string why;
    auto q = parse_quantity(n->as_string()->get(), dim, &why);
    if (!q) { error(key, std::string("expected ") + dimension_name(dim) + ": " + why); return std::nullopt; }
    v = *q;
  } else if ((dim == Dimension::Count || dim == Dimension::Fraction) && (n->is_integer() || n->is_floating_point())) {
    v = n->is_integer() ? static_cast<double>(n->as_integer()->get()) : n->as_floating_point()->get();
    if (!std::isfinite(v)) { error(key, "expected a finite number, found " + describe(*n)); return std::nullopt; }
  } else if (n->is_integer() || n->is_floating_point()) {
    error(key, std::string("missing unit: expected ") + dimension_name(dim) + ", found " + describe(*n));
    return std::nullopt;
  } else {
    error(key, std::string("expected ") + dimension_name(dim) + ", found " + describe(*n));
    return std::nullopt;
  }
  if (v < min || v > max) {
    auto fmt = [&](double x) { return dim == Dimension::Date ? format_date(static_cast<long>(x)) : format_quantity(x, dim); };
    std::string range = min <= -1e299 ? "at most " + fmt(max)
                        : max >= 1e299 ? (min == 0 ? std::string("non-negative") : "at least " + fmt(min))
                                       : "between " + fmt(min) + " and " + fmt(max);
    if (min > 0 && max >= 1e299 && dim != Dimension::Date) range = min <= 1e-300 ? "positive" : "at least " + fmt(min);
    error(key, "expected " + range + ", found " + describe(*n));
    return std::nullopt;
  }
  return v;
}

double Section::quantity(const std::string& key, Dimension dim, double min, double max) const {
  const void* n = node(key);
  if (!n) { error(key, std::string("missing (expected ") + dimension_name(dim) + ")"); return min > 0 ? min : 1.0; }
  auto v = scalar_quantity(n, key, dim, min, max);
  return v ? *v : (min > 0 ? min : 1.0);
}

double Section::quantity_or(const std::string& key, Dimension dim, double fallback, double min, double max) const {
  return has(key) ? quantity(key, dim, min, max) : fallback;
}

std::optional<double> Section::quantity_opt(const std::string& key, Dimension dim, double min, double max) const {
  if (!has(key)) return std::nullopt;
  const void* n = node(key);
  return scalar_quantity(n, key, dim, min, max);
}


long Section::date(const std::string& key) const {
  return static_cast<long>(quantity(key, Dimension::Date, -1e300, 1e300));
}

std::optional<long> Section::date_opt(const std::string& key) const {
  if (!has(key)) return std::nullopt;
  return date(key);
}

std::vector<std::string> Section::strings(const std::string& key) const {
  std::vector<std::string> out;
  const toml::node* n = as_node(node(key));
  if (!n) return out;
  if (!n->is_array()) { error(key, "expected an array of strings, found " + describe(*n)); return out; }
  for (const auto& e : *n->as_array()) {
    if (!e.is_string()) { error(key, "expected an array of strings, found an element " + describe(e)); continue; }
    out.push_back(e.as_string()->get());
  }
  return out;
}

std::vector<std::string> Section::raw_values(const std::string& key) const {
  std::vector<std::string> out;
  const toml::node* n = as_node(node(key));
  if (!n || !n->is_array() || n->as_array()->empty()) {
    error(key, "expected a non-empty array of values");
    return out;
  }
  for (const auto& e : *n->as_array()) {
    std::ostringstream os;
    e.visit([&](const auto& v) { os << v; });
    out.push_back(os.str());
  }
  return out;
}

std::string resolve_against(const std::string& document_file, const std::string& rel) {
  if (rel.empty()) return rel;
  const std::filesystem::path p(rel);
  if (p.is_absolute()) return rel;
  return (std::filesystem::path(document_file).parent_path() / p).lexically_normal().string();
}

void Section::check_path_ref(const std::string& key, const std::string& resolved, const char* what) const {
  namespace fs = std::filesystem;
  std::error_code ec;
  const std::string shown = quote_value(resolved);  // already resolved against this file's directory
  if (resolved.empty()) error(key, std::string("expected the name of a ") + what + ", found an empty string");
  else if (fs::is_directory(resolved, ec)) error(key, std::string("names a directory, expected a ") + what + ": " + shown);
  else if (!fs::exists(resolved, ec)) error(key, std::string(what) + " not found: " + shown);
}

std::string Section::path_ref(const std::string& key, const char* what) const {
  if (!has(key)) {
    error(key, std::string("missing (expected the name of a ") + what + ")");
    return {};
  }
  const toml::node* n = as_node(node(key));
  if (!n->is_string()) {
    error(key, std::string("expected the name of a ") + what + " (a string), found " + describe(*n));
    return {};
  }
  // Every path in a file is relative to that file; a --set value replaces a value in that file.
  const std::string resolved = resolve_against(doc_->file, n->as_string()->get());
  check_path_ref(key, resolved, what);
  return resolved;
}

std::string Section::path_ref_or(const std::string& key, const std::string& fallback, const char* what) const {
  if (has(key)) return path_ref(key, what);
  const std::string resolved = resolve_against(doc_->file, fallback);
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_regular_file(resolved, ec))
    error("", std::string("the default ") + what + " for " + key_path(key) + ", " + quote_value(resolved) +
                  ", is missing: give " + key + " = \"FILE\"");
  return resolved;
}

Section Section::table(const std::string& key) const {
  if (auto t = table_opt(key)) return *t;
  if (!has(key)) error(key, "missing table");
  // A placeholder empty table keeps loaders going so that every problem is reported at once.
  static const toml::table empty;
  return Section(doc_, &empty, key_path(key));
}

std::optional<Section> Section::table_opt(const std::string& key) const {
  const toml::node* n = as_node(node(key));
  if (!n) return std::nullopt;
  if (!n->is_table()) { error(key, "expected a table, found " + describe(*n)); return std::nullopt; }
  doc_->opened.emplace_back(n->as_table(), key_path(key));
  return Section(doc_, n->as_table(), key_path(key));
}

std::vector<Section> Section::tables(const std::string& key) const {
  std::vector<Section> out;
  const toml::node* n = as_node(node(key));
  if (!n) return out;
  if (!n->is_array_of_tables() && !(n->is_array() && n->as_array()->empty())) {
    error(key, "expected an array of tables ([[" + key_path(key) + "]]), found " + describe(*n));
    return out;
  }
  std::size_t i = 0;
  for (const auto& e : *n->as_array()) {
    const std::string p = key_path(key) + "." + std::to_string(i++);
    doc_->opened.emplace_back(e.as_table(), p);
    out.push_back(Section(doc_, e.as_table(), p));
  }
  return out;
}

}  // namespace ascendsim
