# Writes OUT (a C++ string literal) with the ascendsim version: `git describe --always --dirty`
# of the source tree, else "FALLBACK-unknown" when the tree is not a git checkout. Run at every
# build (cmake -P); the file is rewritten only when the text changes, so nothing rebuilds needlessly.
execute_process(COMMAND git -C "${SRC}" describe --always --dirty --tags
                OUTPUT_VARIABLE describe ERROR_QUIET RESULT_VARIABLE rc OUTPUT_STRIP_TRAILING_WHITESPACE)
if(rc EQUAL 0 AND NOT describe STREQUAL "")
  set(version "${FALLBACK}+g${describe}")
else()
  set(version "${FALLBACK}-unknown")
endif()
set(text "\"${version}\"\n")
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
else()
  set(old "")
endif()
if(NOT old STREQUAL text)
  file(WRITE "${OUT}" "${text}")
endif()
