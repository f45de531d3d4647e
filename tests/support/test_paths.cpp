// The one test object that carries this build's paths (see test_paths.hpp).
namespace ascendsim_test {
const char* binary_path() { return ASCENDSIM_TEST_BINARY; }
const char* build_dir_path() { return ASCENDSIM_TEST_BUILD_DIR; }
const char* source_dir_path() { return ASCENDSIM_TEST_SOURCE_DIR; }
}  // namespace ascendsim_test
