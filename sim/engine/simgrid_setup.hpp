// The one place SimGrid's engine is created and configured. Network model set explicitly
// (DESIGN.md): CM02 with no cross-traffic and a huge TCP-gamma gives latency + size/bandwidth for a
// single flow and max-min sharing between flows, instead of LV08's latency x13.01, bandwidth x0.97
// and cross-traffic. Sanitizer builds use thread contexts (raw contexts confuse ASan).
#pragma once
#include <memory>
#include <string>

namespace simgrid::s4u {
class Engine;
}

namespace ascendsim {

// Creates a SimGrid engine with ascendsim's network configuration and SimGrid's own logging
// silenced below warnings. SimGrid 3.32 allows one engine per process, once: a second engine created
// after the first is destroyed reads the freed first one while loading its platform (valgrind:
// invalid reads in EngineImpl::presolve; it crashes once the memory is reused). Run each simulation
// in a child process with run_simgrid_in_child() (simgrid_process.hpp).
std::unique_ptr<simgrid::s4u::Engine> make_simgrid_engine(const std::string& program_name = "ascendsim");

}  // namespace ascendsim
