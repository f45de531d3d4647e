#include "sim/engine/simgrid_setup.hpp"

#include <simgrid/s4u/Engine.hpp>
#include <vector>
#include <xbt/log.h>

namespace ascendsim {

std::unique_ptr<simgrid::s4u::Engine> make_simgrid_engine(const std::string& program_name) {
  std::vector<std::string> args_storage{program_name, "--log=root.thres:warning", "--log=xbt_cfg.thres:warning"};
#ifdef ASCENDSIM_SANITIZE
  // ASan cannot follow SimGrid's default swapped (ucontext) stacks. The context factory is chosen
  // when the engine is built, so it must come with the engine's arguments, not a later set_config.
  args_storage.push_back("--cfg=contexts/factory:thread");
#endif
  std::vector<char*> argv;
  for (auto& a : args_storage) argv.push_back(a.data());
  int argc = static_cast<int>(argv.size());
  auto engine = std::make_unique<simgrid::s4u::Engine>(&argc, argv.data());
  // SimGrid 3.32 refuses to set the network model twice in a process ("Cannot change the model
  // after the initialization"); configure once. (A second engine in one process is not safe anyway:
  // see simgrid_process.hpp.)
  static bool configured = false;
  if (!configured) {
    simgrid::s4u::Engine::set_config("network/model:CM02");
    simgrid::s4u::Engine::set_config("network/crosstraffic:0");
    simgrid::s4u::Engine::set_config("network/TCP-gamma:1e18");
    configured = true;
  }
  return engine;
}

}  // namespace ascendsim
