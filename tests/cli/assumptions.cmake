# docs/assumptions.md lists every assumption the data files mark; this keeps the two in step.
add_test(NAME docs:assumptions-list-is-current
         COMMAND bash tools/list-assumptions.sh --check docs/assumptions.md
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(docs:assumptions-list-is-current PROPERTIES LABELS docs)
