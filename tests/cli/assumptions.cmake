# The README lists every assumption the data files mark; this keeps the two in step.
add_test(NAME docs:readme-lists-every-assumption
         COMMAND bash tools/list-assumptions.sh --check README.md
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(docs:readme-lists-every-assumption PROPERTIES LABELS docs)
