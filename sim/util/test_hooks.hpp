// Test-only fault injection for the output writer, so tests reach every moment of a publish
// deterministically instead of killing at a guessed time (docs/outputs.md lists the points):
//   ASCENDSIM_TEST_WRITE_PAUSE_AFTER=N  the process stops itself (SIGSTOP) at the Nth write point;
//                                       the test then signals it and sends SIGCONT.
//   ASCENDSIM_TEST_WRITE_FAIL_AFTER=N   the Nth write point fails with ENOSPC (a full disk).
//   ASCENDSIM_TEST_WRITE_POINTS=1       prints "write point N: what" to stderr at each point.
//   ASCENDSIM_TEST_CHILD_PAUSE=1        every SimGrid child stops itself as soon as it starts.
// Without these variables every hook is a counter increment and a branch.
#pragma once

namespace ascendsim {

// Called by the writer after each step of a publish. Returns 0, or the errno the step must fail with.
int output_write_point(const char* what);

// In a freshly forked SimGrid child: stops it when ASCENDSIM_TEST_CHILD_PAUSE is set.
void simgrid_child_test_pause();

}  // namespace ascendsim
