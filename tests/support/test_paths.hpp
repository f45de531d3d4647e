// Where the tests find the ascendsim binary, the build tree and the source tree. The paths are
// compiled into one small object (test_paths.cpp), not into every test file, so that test objects
// are byte-identical across build trees and work trees (and ccache can share them). This header is
// force-included in every test file (tests/CMakeLists.txt); the macro names are the ones the tests use.
#pragma once

namespace ascendsim_test {
const char* binary_path();     // the ascendsim executable
const char* build_dir_path();  // CMake's build tree
const char* source_dir_path(); // the repository
}  // namespace ascendsim_test

#define ASCENDSIM_BINARY (::ascendsim_test::binary_path())
#define ASCENDSIM_BUILD_DIR (::ascendsim_test::build_dir_path())
#define ASCENDSIM_SOURCE_DIR (::ascendsim_test::source_dir_path())
