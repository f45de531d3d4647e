// A validator for the subset of JSON Schema (2020-12) that docs/schema/*.schema.json use: type
// (one or a list), properties, required, additionalProperties (false or a schema), items, enum,
// pattern (ECMAScript via std::regex), anyOf, and $ref to "#/$defs/NAME" or to a sibling schema
// file by name ("provenance.schema.json"). Anything else in a schema is an error, so the
// documented schema cannot silently use a keyword this validator ignores. No network.
#pragma once
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

namespace ascendsim::testing {

class SchemaLite {
 public:
  explicit SchemaLite(std::filesystem::path file) : dir_(file.parent_path()) { root_ = load(file); }

  // Every violation as "path: message"; empty when the document is valid.
  std::vector<std::string> validate(const nlohmann::json& doc) const {
    std::vector<std::string> errors;
    check(root_, root_, doc, "$", errors);
    return errors;
  }

 private:
  std::filesystem::path dir_;
  nlohmann::json root_;

  static nlohmann::json load(const std::filesystem::path& p) {
    std::ifstream in(p);
    if (!in) throw std::runtime_error("cannot read schema " + p.string());
    return nlohmann::json::parse(in);
  }

  static bool is_type(const nlohmann::json& v, const std::string& t) {
    if (t == "null") return v.is_null();
    if (t == "boolean") return v.is_boolean();
    if (t == "integer") return v.is_number_integer() || v.is_number_unsigned();
    if (t == "number") return v.is_number();
    if (t == "string") return v.is_string();
    if (t == "object") return v.is_object();
    if (t == "array") return v.is_array();
    throw std::runtime_error("schema: unknown type " + t);
  }

  void check(const nlohmann::json& s, const nlohmann::json& root, const nlohmann::json& v, const std::string& at,
             std::vector<std::string>& errors) const {
    static const std::vector<std::string> known = {"$schema", "$id", "title", "description", "$defs", "type", "properties",
                                                   "required", "additionalProperties", "items", "enum", "pattern", "anyOf", "$ref"};
    for (const auto& [k, x] : s.items())
      if (std::find(known.begin(), known.end(), k) == known.end()) throw std::runtime_error("schema keyword not supported: " + k);
    if (s.contains("$ref")) {
      const std::string ref = s["$ref"];
      if (ref.rfind("#/$defs/", 0) == 0) return check(root.at("$defs").at(ref.substr(8)), root, v, at, errors);
      const nlohmann::json other = load(dir_ / ref);
      return check(other, other, v, at, errors);
    }
    if (s.contains("anyOf")) {
      for (const auto& alt : s["anyOf"]) {
        std::vector<std::string> e;
        check(alt, root, v, at, e);
        if (e.empty()) return;
      }
      errors.push_back(at + ": matches none of anyOf (" + v.dump().substr(0, 80) + ")");
      return;
    }
    if (s.contains("type")) {
      bool ok = false;
      if (s["type"].is_string()) ok = is_type(v, s["type"]);
      else for (const auto& t : s["type"]) ok |= is_type(v, t);
      if (!ok) {
        errors.push_back(at + ": expected type " + s["type"].dump() + ", found " + v.dump().substr(0, 80));
        return;
      }
    }
    if (s.contains("enum") && std::find(s["enum"].begin(), s["enum"].end(), v) == s["enum"].end())
      errors.push_back(at + ": " + v.dump() + " is not one of " + s["enum"].dump());
    if (s.contains("pattern") && v.is_string() && !std::regex_search(v.get<std::string>(), std::regex(s["pattern"].get<std::string>())))
      errors.push_back(at + ": \"" + v.get<std::string>() + "\" does not match " + s["pattern"].get<std::string>());
    if (v.is_object()) {
      for (const auto& r : s.value("required", nlohmann::json::array()))
        if (!v.contains(r.get<std::string>())) errors.push_back(at + ": missing required key \"" + r.get<std::string>() + "\"");
      const auto props = s.value("properties", nlohmann::json::object());
      for (const auto& [k, x] : v.items()) {
        if (props.contains(k)) check(props[k], root, x, at + "." + k, errors);
        else if (s.contains("additionalProperties")) {
          const auto& ap = s["additionalProperties"];
          if (ap.is_boolean() && !ap.get<bool>()) errors.push_back(at + ": key \"" + k + "\" is not in the schema");
          else if (ap.is_object()) check(ap, root, x, at + "." + k, errors);
        }
      }
    }
    if (v.is_array() && s.contains("items"))
      for (std::size_t i = 0; i < v.size(); ++i) check(s["items"], root, v[i], at + "[" + std::to_string(i) + "]", errors);
  }
};

}  // namespace ascendsim::testing
