// The one part of an output that may differ between two runs of the same inputs is the provenance
// block (cache facts, command line, version): tests drop it by name and nothing else.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

inline std::string without_provenance(const std::string& file, const std::string& text) {
  if (file.size() > 5 && file.substr(file.size() - 5) == ".json" && file.rfind("trace", 0) != 0) {
    nlohmann::json j = nlohmann::json::parse(text);
    j.erase("provenance");
    return j.dump(2);
  }
  if (file.size() > 5 && file.substr(file.size() - 5) == ".html") {
    const auto a = text.find("<section id=\"provenance\">");
    if (a == std::string::npos) return text;
    const auto b = text.find("</section>", a);
    return text.substr(0, a) + text.substr(b + 10);
  }
  return text;
}
