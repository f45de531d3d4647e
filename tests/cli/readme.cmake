# The README's answer table is what tools/readme-table.py computes from `run --json` of every
# shipped scenario, and its "How to ask a what-if" commands run as written (fast variants: fewer
# draws, no inverse bisection). Both read README.md itself.
add_test(NAME docs:readme-answer-table-is-current
         COMMAND python3 tools/readme-table.py --ascendsim $<TARGET_FILE:ascendsim> --check README.md
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
add_test(NAME docs:readme-what-if-commands-run
         COMMAND python3 tools/readme-whatifs.py --ascendsim $<TARGET_FILE:ascendsim> --fast --readme README.md
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(docs:readme-answer-table-is-current docs:readme-what-if-commands-run PROPERTIES LABELS docs
                     ENVIRONMENT "ASCENDSIM_CACHE_DIR=${PROJECT_BINARY_DIR}/golden-step-cache")
# The "What the evidence implies" paragraph is what tools/readme-inference.py computes from
# `infer --json` (2,000 draws, seeded): labelled golden as well, so the sanitizer tier skips it.
add_test(NAME docs:readme-inference-is-current
         COMMAND python3 tools/readme-inference.py --ascendsim $<TARGET_FILE:ascendsim> --check README.md
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(docs:readme-inference-is-current PROPERTIES LABELS "docs;golden"
                     ENVIRONMENT "ASCENDSIM_CACHE_DIR=${PROJECT_BINARY_DIR}/golden-step-cache")
# The serving tables (cost per token, long context) are what tools/readme-serving.py computes from
# `serve --json` (16 runs, each with its SimGrid all-to-all fit): skipped by the sanitizer tier too.
add_test(NAME docs:readme-serving-tables-are-current
         COMMAND python3 tools/readme-serving.py --ascendsim $<TARGET_FILE:ascendsim> --check README.md
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(docs:readme-serving-tables-are-current PROPERTIES LABELS "docs;golden")
