// One SimGrid simulation per child process. SimGrid 3.32 supports a single engine per process
// lifetime (a re-created engine touches the freed previous one), so every simulation the library
// runs forks a child that creates the engine, runs, sends its result back through a pipe and ends
// with _exit; the parent stays free of SimGrid state and can run any number of simulations.
// A child dies with its parent (PR_SET_PDEATHSIG, so SIGKILL of the parent included) and leads its
// own process group, which the parent's SIGINT/SIGTERM handler kills (sim/util/interrupt.hpp).
#pragma once
#include <functional>
#include <string>

namespace ascendsim {

// Runs `body` in a forked child and returns the bytes it produced. An InputError,
// std::invalid_argument or other std::exception thrown by `body` is rethrown in the parent with the
// same type (InputError keeps its diagnostics); a child killed by a signal becomes std::runtime_error.
std::string run_simgrid_in_child(const std::function<std::string()>& body);

// Little binary codec for results crossing the pipe.
class ByteWriter {
 public:
  void u64(unsigned long long v);
  void f64(double v);
  void str(const std::string& s);
  const std::string& bytes() const { return out_; }
 private:
  std::string out_;
};

class ByteReader {
 public:
  explicit ByteReader(const std::string& in) : in_(in) {}
  unsigned long long u64();
  double f64();
  std::string str();
 private:
  void take(void* dst, std::size_t n);
  const std::string& in_;
  std::size_t pos_ = 0;
};

}  // namespace ascendsim
