// `ascendsim collective`: simulates one collective over the first N chips (by chip_index) of a
// SimGrid platform file and prints its time, algorithm bandwidth (bytes / time) and NCCL-style bus
// bandwidth. The time comes from the SimGrid run of the algorithm's point-to-point messages.
#include <iomanip>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sim/cli/cli_args.hpp"
#include "sim/cli/command.hpp"
#include "sim/config/input_error.hpp"
#include "sim/config/units.hpp"
#include "sim/engine/comm_simulation.hpp"

namespace ascendsim::cli {

namespace {

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

struct CollectiveOptions {
  std::string platform, op, bytes, algorithm = "auto", reduce_rate, catalogue = kDefaultChipCatalogue;
  int chips = 0;
  int ranks_per_node = 0;
  bool json = false;
};

int run_collective_command(const CollectiveOptions& o) {
  auto arg_error = [](const std::string& option, const std::string& msg) {
    throw InputError(SourceLocation{"command line", 0, 0}, option, msg);
  };
  const auto op = parse_collective_op(o.op);
  if (!op) arg_error("--op", "expected one of " + join(collective_op_names()) + ", found " + quote_value(o.op));
  const auto alg = parse_collective_algorithm(o.algorithm);
  if (!alg)
    arg_error("--algorithm", "expected one of " + join(collective_algorithm_names()) + ", found " + quote_value(o.algorithm));
  std::string why;
  const auto bytes = std::optional<double>(parse_bytes_option("--bytes", o.bytes));
  double reduce_Bps = 0;
  if (!o.reduce_rate.empty()) {
    const auto r = parse_quantity(o.reduce_rate, Dimension::Bandwidth, &why);
    if (!r) arg_error("--reduce-rate", why);
    reduce_Bps = *r;
  }
  ChipCatalogue catalogue = load_chip_catalogue(o.catalogue);
  const std::string platform = load_platform_arg(o.platform, catalogue, nullptr, true).xml;
  if (o.chips < 1) arg_error("--chips", "expected a chip count of at least 1, found " + std::to_string(o.chips));
  CollectiveSpec spec;
  spec.op = *op;
  spec.algorithm = *alg;
  spec.bytes = *bytes;
  spec.reduce_Bps = reduce_Bps;
  spec.ranks_per_node = o.ranks_per_node;
  // The platform's chip count and node grouping are checked in the simulation: one platform load.
  spec.first_chips = o.chips;
  spec.chips_option = "--chips";
  spec.algorithm_option = "--algorithm";
  const CollectiveResult r = simulate_collective(platform, spec);
  if (o.json) {
    nlohmann::json j{{"op", collective_op_name(r.op)},
                     {"algorithm", collective_algorithm_name(r.algorithm)},
                     {"chips", r.ranks},
                     {"ranks_per_node", r.ranks_per_node},
                     {"bytes", r.bytes},
                     {"time_s", r.time_s},
                     {"algbw_Bps", r.algbw_Bps},
                     {"busbw_Bps", r.busbw_Bps},
                     {"messages", r.messages},
                     {"platform", o.platform}};
    print_json(j.dump(2));
    return 0;
  }
  std::ostringstream out;
  out << collective_op_name(r.op) << " (" << collective_algorithm_name(r.algorithm) << ") of "
      << format_quantity(r.bytes, Dimension::DataSize) << " over " << r.ranks << " chips";
  if (r.algorithm == CollectiveAlgorithm::Hierarchical) out << " (" << r.ranks_per_node << " per node)";
  out << "\n  time_s     " << std::setprecision(6) << r.time_s
      << "\n  algbw      " << format_quantity(r.algbw_Bps, Dimension::Bandwidth)
      << "\n  busbw      " << format_quantity(r.busbw_Bps, Dimension::Bandwidth)
      << "\n  messages   " << r.messages << '\n';
  std::cout << out.str();
  return 0;
}

}  // namespace

static Registrar reg{{"collective", "Simulate one collective (allreduce, allgather, reducescatter, alltoall, sendrecv) "
                      "over the first N chips of a platform", 40, [](CLI::App& sub) {
  auto o = std::make_shared<CollectiveOptions>();
  sub.add_option("--platform", o->platform, kPlatformHelp)->required();
  sub.add_option("--catalogue", o->catalogue, kCatalogueHelp);
  sub.add_option("--op", o->op, "allreduce | allgather | reducescatter | alltoall | sendrecv")->required();
  sub.add_option("--bytes", o->bytes, "buffer size: 256MiB, 4GB, or a plain byte count (nccl-tests convention)")->required();
  add_count(sub, "--chips", o->chips, "number of chips: chip_index 0..N-1, in ring order", 1)->required();
  sub.add_option("--algorithm", o->algorithm,
                 "auto | ring | halving_doubling | hierarchical | pairwise | direct | chain (default auto)");
  add_count(sub, "--ranks-per-node", o->ranks_per_node,
                 "hierarchical: chips per node (default: from the platform's node grouping)");
  sub.add_option("--reduce-rate", o->reduce_rate, "reduction throughput per chip, e.g. 400GBps (default: free)");
  sub.add_flag("--json", o->json, "machine-readable output");
  return [o]() -> int { return run_collective_command(*o); };
}, "ascendsim collective --platform platforms/cloudmatrix384.xml --op allreduce --bytes 256MiB --chips 16"}};

}  // namespace ascendsim::cli
