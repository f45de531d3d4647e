#include "sim/trace/csv_trace_writer.hpp"

#include <charconv>
#include <cmath>
#include <map>

#include "sim/config/input_error.hpp"
#include "sim/trace/trace_rows.hpp"
#include "sim/util/csv_field.hpp"
#include "sim/util/date.hpp"

namespace ascendsim {

namespace {

const char* const kFixed[] = {"resource", "category", "name", "start_s", "end_s", "start_date", "end_date"};

bool is_fixed(const std::string& col) {
  for (const char* f : kFixed)
    if (col == f) return true;
  return false;
}

void cell(std::string& out, const std::string& text) { out += csv_field(text); }

// RFC 4180 record splitter: returns false at end of input.
bool next_record(std::string_view text, std::size_t& pos, std::vector<std::string>& fields, int record) {
  fields.clear();
  if (pos >= text.size()) return false;
  std::string field;
  bool quoted = false, was_quoted = false;
  while (pos < text.size()) {
    const char c = text[pos++];
    if (quoted) {
      if (c == '"') {
        if (pos < text.size() && text[pos] == '"') { field += '"'; ++pos; }
        else quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && pos < text.size() && text[pos] == '\n') ++pos;
      fields.push_back(std::move(field));
      return true;
    } else {
      field += c;
    }
  }
  if (quoted) throw InputError(SourceLocation{"<csv>", record, 0}, "", "unterminated quoted field");
  fields.push_back(std::move(field));
  return true;
}

double to_number(const std::string& s, int record, const char* col) {
  double v = 0;
  auto res = std::from_chars(s.data(), s.data() + s.size(), v);
  if (res.ec != std::errc() || res.ptr != s.data() + s.size())
    throw InputError(SourceLocation{"<csv>", record, 0}, col, "expected a number, found '" + s + "'");
  return v;
}

}  // namespace

std::string CsvTraceWriter::render(const Trace& trace) const {
  std::vector<std::string> keys;
  std::map<std::string, int> key_col;
  for (const auto& s : trace.spans)
    for (const auto& kv : s.attrs)
      if (key_col.try_emplace(kv.first, static_cast<int>(keys.size())).second) keys.push_back(kv.first);
  std::string out = "resource,category,name,start_s,end_s";
  if (trace.origin_day) out += ",start_date,end_date";
  for (const auto& k : keys) {
    out += ',';
    cell(out, is_fixed(k) ? "attr." + k : k);  // an attr named like a fixed column gets a prefix
  }
  out += '\n';
  std::vector<const std::string*> row(keys.size());
  for (const auto& s : trace.spans) {
    cell(out, s.resource);
    out += ',';
    cell(out, s.category);
    out += ',';
    cell(out, s.name);
    out += ',' + format_double(s.start_s) + ',' + format_double(s.end_s);
    if (trace.origin_day) out += ',' + date_at(*trace.origin_day, s.start_s) + ',' + date_at(*trace.origin_day, s.end_s);
    std::fill(row.begin(), row.end(), nullptr);
    for (const auto& kv : s.attrs) row[key_col[kv.first]] = &kv.second;
    for (const auto* v : row) {
      out += ',';
      if (v) cell(out, *v);
    }
    out += '\n';
  }
  return out;
}

Trace read_trace_csv(std::string_view text) {
  Trace trace;
  std::size_t pos = 0;
  std::vector<std::string> header, fields;
  if (!next_record(text, pos, header, 1) || header.size() < 5 || header[0] != "resource" || header[1] != "category" ||
      header[2] != "name" || header[3] != "start_s" || header[4] != "end_s")
    throw InputError(SourceLocation{"<csv>", 1, 0}, "", "expected header resource,category,name,start_s,end_s,...");
  const bool dated = header.size() >= 7 && header[5] == "start_date" && header[6] == "end_date";
  const std::size_t first_attr = dated ? 7 : 5;
  std::vector<std::string> keys;
  for (std::size_t i = first_attr; i < header.size(); ++i) {
    std::string k = header[i];
    if (k.rfind("attr.", 0) == 0 && is_fixed(k.substr(5))) k = k.substr(5);
    keys.push_back(k);
  }
  int record = 1;
  while (next_record(text, pos, fields, ++record)) {
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    if (fields.size() != header.size())
      throw InputError(SourceLocation{"<csv>", record, 0}, "",
                       "expected " + std::to_string(header.size()) + " fields, found " + std::to_string(fields.size()));
    Span s;
    s.resource = fields[0];
    s.category = fields[1];
    s.name = fields[2];
    s.start_s = to_number(fields[3], record, "start_s");
    s.end_s = to_number(fields[4], record, "end_s");
    if (dated && !trace.origin_day) {
      const auto d = parse_iso_date(fields[5]);
      if (!d) throw InputError(SourceLocation{"<csv>", record, 0}, "start_date", "expected YYYY-MM-DD, found '" + fields[5] + "'");
      trace.origin_day = *d - static_cast<long>(std::floor(s.start_s / 86400.0));
    }
    for (std::size_t i = first_attr; i < fields.size(); ++i)
      if (!fields[i].empty()) s.attrs.emplace_back(keys[i - first_attr], fields[i]);
    trace.add(std::move(s));
  }
  return trace;
}

}  // namespace ascendsim
