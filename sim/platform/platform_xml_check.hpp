// Checks a SimGrid platform XML before SimGrid sees it, so that a truncated or hand-edited file
// is an input error naming the file, the line and column, and the element, instead of SimGrid's
// raw "Link not found: chip-182-rdma" (or a crash). Checked: well-formedness (every element
// closed, quoted attributes, one <platform> root, nothing after it), the attributes SimGrid needs
// (ids; speed, bandwidth, latency as numbers with their units; sharing_policy, routing), unique
// ids, and that every link_ctn names a defined link and every route end a defined host, router
// or zone. `platform info`, steps and collectives all call it.
#pragma once
#include <string>

namespace ascendsim {

// Throws InputError (file:line:column, key "<element>.attribute") at the first problems found
// (at most 20). A file already checked in this process with the same size and mtime is skipped.
void validate_platform_xml(const std::string& xml_path);
// The same on text in memory (name is used in messages).
void validate_platform_xml_text(const std::string& text, const std::string& name);

}  // namespace ascendsim
