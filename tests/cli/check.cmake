# Reference timelines: a change that moves a golden result fails CI until the golden file is
# updated on purpose (`ascendsim check --update`, then review the diff).
add_test(NAME golden:check-reference-timelines
         COMMAND ascendsim check timelines/reference
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(golden:check-reference-timelines PROPERTIES LABELS golden
                     ENVIRONMENT "ASCENDSIM_CACHE_DIR=${PROJECT_BINARY_DIR}/golden-step-cache")
