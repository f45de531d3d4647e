# docs/validation.md's calibration table is tools/validation-table.sh's output over the reference
# goldens with a [[published]] entry; this keeps the committed table and the simulator in step.
# It shares the golden check's step cache and runs after it (DEPENDS orders them under -j), so the
# steps are simulated once and the cache is never written by both at the same time.
add_test(NAME docs:validation-table-matches
         COMMAND bash tools/validation-table.sh --check docs/validation.md $<TARGET_FILE:ascendsim>
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(docs:validation-table-matches PROPERTIES LABELS docs
                     DEPENDS golden:check-reference-timelines
                     ENVIRONMENT "ASCENDSIM_CACHE_DIR=${PROJECT_BINARY_DIR}/golden-step-cache")
