# docs/validation.md's calibration table is tools/validation-table.sh's output over the reference
# goldens with a [[published]] entry; this keeps the committed table and the simulator in step.
add_test(NAME docs:validation-table-matches
         COMMAND bash tools/validation-table.sh --check docs/validation.md $<TARGET_FILE:ascendsim>
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(docs:validation-table-matches PROPERTIES LABELS docs
                     ENVIRONMENT "ASCENDSIM_CACHE_DIR=${PROJECT_BINARY_DIR}/golden-step-cache")
