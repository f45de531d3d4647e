#include "sim/scenario/scenario_keys.hpp"

#include <filesystem>
#include <functional>
#include <sstream>

#include "sim/scenario/key_paths.hpp"
#include "sim/scenario/scenario.hpp"

namespace ascendsim {

namespace {

namespace fs = std::filesystem;

bool is_metadata(const std::string& k) {
  auto ends = [&](const std::string& s) { return k.size() >= s.size() && k.compare(k.size() - s.size(), s.size(), s) == 0; };
  return k == "source" || k == "sources" || k == "assumption" || k == "note" || k == "notes" || ends("_source") ||
         ends("_assumption");
}

std::string toml_text(const toml::node& n) {
  if (n.is_string()) return "\"" + n.as_string()->get() + "\"";
  if (n.is_floating_point()) {
    std::ostringstream f;
    f.precision(12);
    f << n.as_floating_point()->get();
    std::string t = f.str();
    if (t.find_first_of(".eE") == std::string::npos) t += ".0";
    return t;
  }
  std::ostringstream os;
  n.visit([&](const auto& v) {
    if constexpr (toml::is_table<decltype(v)>) {
      os << toml::toml_formatter(v, toml::format_flags::none);
    } else {
      os << toml::toml_formatter(v);
    }
  });
  std::string s = os.str();
  for (auto& c : s)
    if (c == '\n') c = ' ';
  return s;
}

std::string unit_of_text(const std::string& t) {
  // "\"75d\"" -> "d"; "\"20%\"" -> "%"; "\"400Gbps\"" -> "Gbps"
  if (t.size() < 3 || t.front() != '"') return {};
  const std::string v = t.substr(1, t.size() - 2);
  std::size_t i = 0;
  while (i < v.size() && (std::isdigit(static_cast<unsigned char>(v[i])) || v[i] == '.' || v[i] == '-' || v[i] == '+' ||
                          v[i] == 'e'))
    ++i;
  if (i == 0 || i == v.size()) return {};
  // A number needs a digit: "../platforms/x.toml" (a path) has no unit.
  if (v.substr(0, i).find_first_of("0123456789") == std::string::npos) return {};
  std::string u = v.substr(i);
  while (!u.empty() && u.front() == ' ') u.erase(0, 1);
  return u.find(' ') == std::string::npos ? u : std::string();
}

std::string unit_of(const std::string& key, const toml::node& n) {
  if (n.is_date()) return "date";
  if (const toml::table* t = n.as_table()) {
    for (const char* k : {"mode", "low", "median", "mean", "nominal"})
      if (const toml::node* v = t->get(k)) return unit_of(key, *v);
    if (const toml::node* vs = t->get("values"); vs && vs->is_array() && !vs->as_array()->empty())
      return unit_of(key, *vs->as_array()->get(0));
    return {};
  }
  if (n.is_string()) return unit_of_text(toml_text(n));
  if (n.is_number()) {
    const auto us = key.rfind('_');
    if (us != std::string::npos) {
      const std::string suffix = key.substr(us + 1);
      for (const char* u : {"GB", "GiB", "TB", "MB", "B", "s", "ms", "us", "days", "months", "hours", "bytes", "Bps", "Gbps", "W"})
        if (suffix == u) return suffix;
    }
  }
  return {};
}

struct Walker {
  std::string file, prefix;
  const Scenario* names = nullptr;
  std::vector<ScenarioKey>* out = nullptr;

  void table(const toml::table& t, const std::string& file_path, const std::string& inherited) {
    std::string here = inherited;
    for (const char* k : {"assumption", "source"})
      if (const toml::node* n = t.get(k); n && n->is_string()) here = std::string(k) + ": " + n->as_string()->get();
    for (auto&& [k, v] : t) {
      const std::string key(k.str());
      if (is_metadata(key)) continue;
      if (file_path.empty() && (key == "kind" || key == "set" || key == "inverse" || key == "title")) continue;
      if (key == "name" && !file_path.empty()) continue;  // an element's name is its address, not an input
      const std::string p = file_path.empty() ? key : file_path + "." + key;
      std::string prov = here;
      for (const char* suffix : {"_assumption", "_source"})
        if (const toml::node* n = t.get(key + suffix); n && n->is_string())
          prov = std::string(suffix + 1) + ": " + n->as_string()->get();
      if (const toml::table* sub = v.as_table()) {
        if (sub->contains("dist")) {
          for (const char* m : {"assumption", "source"})
            if (const toml::node* n = sub->get(m); n && n->is_string()) prov = std::string(m) + ": " + n->as_string()->get();
          leaf(p, key, v, prov, true);
        } else {
          table(*sub, p, prov);
        }
      } else if (const toml::array* a = v.as_array(); a && a->is_array_of_tables() && !a->empty()) {
        for (std::size_t i = 0; i < a->size(); ++i) {
          const toml::table* e = a->get(i)->as_table();
          std::string id = std::to_string(i);
          if (const toml::node* n = e->get("name"); n && n->is_string()) {
            const std::string name = n->as_string()->get();
            if (!name.empty() && name.find('.') == std::string::npos) id = name;
          }
          table(*e, p + "." + id, prov);
        }
      } else {
        leaf(p, key, v, prov, false);
      }
    }
  }

  void leaf(const std::string& p, const std::string& key, const toml::node& v, const std::string& prov, bool uncertain) {
    ScenarioKey k;
    k.path = canonical_param_path(*names, file, prefix, p);
    k.value = toml_text(v);
    k.unit = unit_of(key, v);
    k.provenance = prov;
    k.assumption = prov.rfind("assumption", 0) == 0;
    k.uncertain = uncertain;
    k.file = file;
    out->push_back(k);
  }
};

std::string resolve(const std::string& base_file, const std::string& rel) {
  const fs::path p(rel);
  if (p.is_absolute()) return rel;
  return (fs::path(base_file).parent_path() / p).lexically_normal().string();
}

std::string str_at(const toml::table& t, const char* table, const char* key, const std::string& fallback = "") {
  const toml::node* n = table ? t.at_path(std::string(table) + "." + key).node() : t.get(key);
  return n && n->is_string() ? n->as_string()->get() : fallback;
}

}  // namespace

std::vector<ScenarioKey> list_scenario_keys(const std::string& path, const std::vector<Override>& given) {
  std::vector<ScenarioKey> out;
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const std::exception&) {
    return out;
  }
  // The scenario's own sets, then the caller's, in routed form.
  std::vector<Override> ov;
  if (const toml::array* sets = root["set"].as_array())
    for (const auto& e : *sets)
      if (e.is_string()) try { ov.push_back(parse_override(e.as_string()->get())); } catch (const InputError&) {}
  ov.insert(ov.end(), given.begin(), given.end());
  try { route_overrides(ov); } catch (const InputError&) {}
  const bool shared_calendar = root.contains("calendar_file");
  auto apply = [&](toml::table& t, const std::string& pfx, bool strip, bool own) {
    for (const auto& o : ov) {
      std::string rel = o.key_path;
      if (own) {
        bool to_file = shared_calendar && rel.rfind("calendar.", 0) == 0;
        for (const char* p : {"catalogue.", "spec.", "training.", "model.", "supply.", "failures."}) to_file |= rel.rfind(p, 0) == 0;
        if (to_file) continue;
      } else {
        if (rel.rfind(pfx + ".", 0) != 0) continue;
        if (strip) rel = rel.substr(pfx.size() + 1);
      }
      std::string why;
      (void)apply_override(t, rel, o, &why);
    }
  };
  apply(root, "", false, true);

  Scenario names;
  names.supply_file = resolve(path, str_at(root, "fleet", "supply"));
  names.catalogue_file = resolve(path, str_at(root, "platform", "catalogue", "../platforms/chips.toml"));
  names.spec_file = resolve(path, str_at(root, "platform", "spec"));
  if (const toml::node* n = root.at_path("run.failures.rates_file").node(); n && n->is_string())
    names.run.failures.rates_file = resolve(path, n->as_string()->get());
  const std::string training = resolve(path, str_at(root, "workload", "training"));

  auto walk = [&](const std::string& file, const std::string& pfx, toml::table& t) {
    Walker w{file, pfx, &names, &out};
    std::string file_prov;
    for (const char* k : {"assumption", "source"})
      if (const toml::node* n = t.get(k); n && n->is_string()) file_prov = std::string(k) + ": " + n->as_string()->get();
    w.table(t, "", file_prov);
  };
  auto load = [&](const std::string& file, const std::string& pfx, bool strip, const std::string& namer_prefix) {
    if (file.empty() || fs::path(file).filename().empty()) return toml::table{};
    toml::table t;
    try { t = toml::parse_file(file); } catch (const std::exception&) { return toml::table{}; }
    apply(t, pfx, strip, false);
    walk(file, namer_prefix, t);
    return t;
  };
  walk(path, "", root);
  if (shared_calendar) load(resolve(path, str_at(root, nullptr, "calendar_file")), "calendar", false, "");
  if (!names.supply_file.empty() && root.at_path("fleet.supply").is_string()) load(names.supply_file, "supply", true, "");
  toml::table tr = load(training, "training", true, "training");
  if (const toml::node* m = tr.get("model"); m && m->is_string()) load(resolve(training, m->as_string()->get()), "model", true, "model");
  load(names.catalogue_file, "catalogue", true, "");
  load(names.spec_file, "spec", true, "");
  if (!names.run.failures.rates_file.empty()) load(names.run.failures.rates_file, "failures", true, "");
  return out;
}

InputError with_suggestions(const InputError& e, const std::string& scenario_path) {
  std::vector<std::string> paths;
  bool listed = false;
  std::vector<Diagnostic> ds = e.diagnostics();
  for (auto& d : ds) {
    const std::string tag = "unknown key '";
    if (d.where.file.rfind("--set ", 0) != 0 || d.message.rfind(tag, 0) != 0) continue;
    if (!listed) {
      for (const auto& k : list_scenario_keys(scenario_path)) paths.push_back(k.path);
      listed = true;
    }
    const std::string key = d.message.substr(tag.size(), d.message.find('\'', tag.size()) - tag.size());
    const auto near = closest(key, paths);
    if (near.empty()) {
      d.message = tag + key + "' (see `ascendsim keys " + scenario_path + "`)";
      continue;
    }
    std::string list;
    for (const auto& n : near) list += (list.empty() ? "" : " or ") + n;
    d.message = tag + key + "' (did you mean " + list + "?)";
  }
  return InputError(std::move(ds));
}

}  // namespace ascendsim
