// `ascendsim supply FILE [--scenario NAME] [--until DATE] [--json]`: the monthly supply table of
// a kind = "supply" file at nominal inputs (per line: pool share, wafers, made, delivered,
// cumulative, the organisation's chips, whole supernodes, usable chips; then every customer's
// deliveries). The terminal table is printed from the JSON, so both carry the same numbers. Also registers the "supply" and "timeline" validators.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "sim/cli/command.hpp"
#include "sim/supply/supply_file.hpp"
#include "sim/timeline/timeline_graph.hpp"
#include "sim/util/date.hpp"

namespace ascendsim::cli {

namespace {

KindRegistrar supply_kind{{"supply", [](const std::string& path) { load_supply_file(path); }}};
KindRegistrar timeline_kind{{"timeline", [](const std::string& path) { load_timeline_file(path); }}};

nlohmann::json scenario_table(const SupplyScenario& scn, const FleetSpec& fleet_spec, std::optional<long> until_opt) {
  ParamSampler values;  // nominal
  long first = 0;
  bool have = false;
  for (const auto& l : scn.lines) {
    const long d = static_cast<long>(std::floor(values(l.start_day)));
    if (!have || d < first) first = d;
    have = true;
  }
  const long until = until_opt ? *until_opt : add_months(first, 18);
  // Months are tabulated one by one against every produced month: bound the horizon so that a
  // typo in the year ("9999-12-01") is an error, not minutes of work.
  constexpr long kMaxMonths = 600;
  if (until_opt && (until <= first || until > add_months(first, kMaxMonths)))
    throw InputError(SourceLocation{"--until " + format_date(until), 0, 0}, "until",
                     "expected a date after the first line starts (" + format_date(first) + ") and at most " +
                         std::to_string(kMaxMonths / 12) + " years later (" + format_date(add_months(first, kMaxMonths)) +
                         ") in scenario " + quote_value(scn.name) + ", found " + format_date(until));
  const Fleet fleet = Fleet::build(scn, fleet_spec, values, until);
  nlohmann::json out;
  out["scenario"] = scn.name;
  out["org_share"] = values(fleet_spec.org_share);
  out["until"] = format_date(until);
  nlohmann::json lines = nlohmann::json::array();
  std::map<std::string, std::vector<SupplyMonth>> by_chip;
  for (const auto& l : scn.lines) {
    nlohmann::json mix = nlohmann::json::array();
    for (const MixStep& m : l.mix) mix.push_back({{"date", format_date(m.day)}, {"share", mix_share(l, values, m.day)}});
    lines.push_back({{"chip", l.chip},
                     {"full_output_910c_eq_per_month", full_output_910c_eq_per_month(l, values)},
                     {"good_chips_per_wafer", good_chips_per_wafer(l, values)},
                     {"mix", mix},
                     {"wafer_equivalent_per_chip", values(l.wafer_equivalent_per_chip)},
                     {"start", format_date(static_cast<long>(std::floor(values(l.start_day))))},
                     {"ramp_months", values(l.ramp_months)},
                     {"lead_time_days", values(l.lead_time_s) / 86400.0}});
    auto months = line_production(l, values, until);
    auto& v = by_chip[l.chip];
    v.insert(v.end(), months.begin(), months.end());
  }
  out["lines"] = lines;
  const auto shares = customer_shares(fleet_spec, values);
  nlohmann::json customers = nlohmann::json::array();
  for (const auto& [name, share] : shares) customers.push_back({{"name", name}, {"share", share}});
  out["customers"] = customers;
  nlohmann::json rows = nlohmann::json::array();
  for (long m = 0; add_months(first, m) < until; ++m) {
    const long a = add_months(first, m), b = add_months(first, m + 1);
    for (const auto& [chip, months] : by_chip) {
      double made = 0, made_eq = 0, wafers = 0, mix = 0, delivered = 0, cumulative = 0;
      std::string binding;
      for (const auto& s : months) {
        if (s.period_start_day >= a && s.period_start_day < b) {
          made += s.made_chips;
          made_eq += s.wafer_910c_eq;
          wafers += s.wafers;
          mix += s.mix_share;
          binding = s.binding;
        }
        const long arrival = static_cast<long>(std::floor(s.arrival_day));
        if (arrival >= a && arrival < b) delivered += s.made_chips;
        if (arrival < b) cumulative += s.made_chips;
      }
      // Each customer's share of the month's deliveries (the organisation's also builds the fleet).
      nlohmann::json to_customers = nlohmann::json::object();
      for (const auto& [name, share] : shares)
        to_customers[name] = {{"delivered_chips", delivered * share}, {"cumulative_chips", cumulative * share}};
      rows.push_back({{"month", format_date(a)},
                      {"chip", chip},
                      {"mix_share", mix},
                      {"wafers", wafers},
                      {"made_910c_eq", made_eq},
                      {"made_chips", made},
                      {"binding", binding},
                      {"delivered_chips", delivered},
                      {"cumulative_chips", cumulative},
                      {"org_chips", fleet.org_chips(chip, b - 1)},
                      {"supernodes", fleet.supernodes(chip, b - 1)},
                      {"usable_chips", fleet.usable_chips(chip, b - 1)},
                      {"customers", to_customers}});
    }
  }
  out["months"] = rows;
  return out;
}

void print_table(const nlohmann::json& t) {
  std::printf("scenario %s (nominal inputs; organisation share %.1f%%)\n", t["scenario"].get<std::string>().c_str(),
              100.0 * t["org_share"].get<double>());
  for (const auto& l : t["lines"]) {
    std::printf("  line %s: %.0f 910C-eq/month at full output (whole pool), %.4g good chips per wafer, %.3g 910C-eq per chip, start %s, ramp %.3g months, lead %.3g days\n",
                l["chip"].get<std::string>().c_str(), l["full_output_910c_eq_per_month"].get<double>(),
                l["good_chips_per_wafer"].get<double>(), l["wafer_equivalent_per_chip"].get<double>(),
                l["start"].get<std::string>().c_str(), l["ramp_months"].get<double>(), l["lead_time_days"].get<double>());
    if (!l["mix"].empty()) {
      std::printf("    share of the wafer pool:");
      for (const auto& m : l["mix"])
        std::printf(" %s %.4g%%", m["date"].get<std::string>().c_str(), 100.0 * m["share"].get<double>());
      std::printf("\n");
    }
  }
  std::printf("%-10s  %-14s  %6s  %9s  %12s  %10s  %-9s  %10s  %11s  %10s  %10s  %10s\n", "month", "chip", "mix",
              "wafers", "made_910c_eq", "made", "binding", "delivered", "cumulative", "org_chips", "supernodes", "usable");
  for (const auto& r : t["months"])
    std::printf("%-10s  %-14s  %5.1f%%  %9.0f  %12.0f  %10.0f  %-9s  %10.0f  %11.0f  %10.0f  %10ld  %10ld\n",
                r["month"].get<std::string>().c_str(), r["chip"].get<std::string>().c_str(),
                100.0 * r["mix_share"].get<double>(), r["wafers"].get<double>(), r["made_910c_eq"].get<double>(),
                r["made_chips"].get<double>(), r["binding"].get<std::string>().c_str(),
                r["delivered_chips"].get<double>(), r["cumulative_chips"].get<double>(), r["org_chips"].get<double>(),
                r["supernodes"].get<long>(), r["usable_chips"].get<long>());
  // Deliveries by customer: chips delivered in the month (cumulative in the last row per chip).
  std::printf("deliveries by customer (chips delivered in the month):\n%-10s  %-14s", "month", "chip");
  for (const auto& c : t["customers"]) {
    char head[64];
    std::snprintf(head, sizeof head, "%s %.3g%%", c["name"].get<std::string>().c_str(), 100.0 * c["share"].get<double>());
    std::printf("  %16s", head);
  }
  std::printf("\n");
  std::map<std::string, const nlohmann::json*> last;
  for (const auto& r : t["months"]) {
    std::printf("%-10s  %-14s", r["month"].get<std::string>().c_str(), r["chip"].get<std::string>().c_str());
    for (const auto& c : t["customers"])
      std::printf("  %16.0f", r["customers"][c["name"].get<std::string>()]["delivered_chips"].get<double>());
    std::printf("\n");
    last[r["chip"].get<std::string>()] = &r;
  }
  for (const auto& [chip, r] : last) {
    std::printf("%-10s  %-14s", "cumulative", chip.c_str());
    for (const auto& c : t["customers"])
      std::printf("  %16.0f", (*r)["customers"][c["name"].get<std::string>()]["cumulative_chips"].get<double>());
    std::printf("\n");
  }
}

Registrar reg{{"supply", "Monthly chip supply from wafer math: each line's share of the wafer pool, made, delivered, cumulative, supernodes, usable for the organisation, and each customer's deliveries",
               40, [](CLI::App& sub) {
  auto file = std::make_shared<std::string>();
  auto scenario = std::make_shared<std::string>();
  auto until = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  sub.add_option("file", *file, "supply file (kind = \"supply\")")->required();
  sub.add_option("--scenario", *scenario, "one scenario by name (default: all, in file order)");
  sub.add_option("--until", *until, "last month to show, YYYY-MM-DD (default: 18 months from the start)");
  sub.add_flag("--json", *json, "machine-readable output");
  return [file, scenario, until, json]() -> int {
    std::optional<long> until_day;
    if (!until->empty()) {
      until_day = parse_iso_date(*until);
      if (!until_day) throw InputError(SourceLocation{"--until", 0, 0}, "until", "expected a date YYYY-MM-DD, found " + quote_value(*until));
    }
    const SupplyFile f = load_supply_file(*file);
    std::vector<const SupplyScenario*> chosen;
    if (!scenario->empty()) {
      const SupplyScenario* s = f.find(*scenario);
      if (!s) {
        std::string names;
        for (const auto& x : f.scenarios) names += (names.empty() ? "" : ", ") + x.name;
        throw InputError(SourceLocation{"--scenario", 0, 0}, "scenario",
                         "no scenario " + quote_value(*scenario) + " in " + *file + " (expected one of: " + names + ")");
      }
      chosen.push_back(s);
    } else {
      for (const auto& s : f.scenarios) chosen.push_back(&s);
    }
    nlohmann::json all = nlohmann::json::array();
    for (const auto* s : chosen) all.push_back(scenario_table(*s, f.fleet, until_day));
    if (*json) {
      print_json((chosen.size() == 1 ? all[0] : all).dump(2));
    } else {
      for (std::size_t i = 0; i < all.size(); ++i) {
        if (i) std::printf("\n");
        print_table(all[i]);
      }
    }
    return 0;
  };
}, "ascendsim supply timelines/supply/thesis-wafer.toml --scenario base"}};

}  // namespace

}  // namespace ascendsim::cli
