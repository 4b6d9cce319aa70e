// SPDX-License-Identifier: Apache-2.0
// How a command line meets the approval rules (ledger/book/approvals.h). A command whose
// operation a policy covers is refused by the Writer; the program then records an
// approval.request holding the command's words instead (record_request_if_refused). The
// approval that completes a request records itself as the prelude of the next Writer and has
// the program run the request's words again, as the approver, in the same process
// (arrange_completion, then run_completion): the approval and the operation commit together,
// or neither does.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "cli/context.h"
#include "ledger/book/approval_ops.h"

namespace semilla::cli {

// The words that record an operation: the command line without its global options (--db,
// --as, --key, --actor, --wait, --json, --quiet), which belong to whoever runs it.
[[nodiscard]] std::vector<std::string> command_words(const std::vector<std::string>& args);
// The global options of `g` as words, to run a request's words as this invocation's officer.
[[nodiscard]] std::vector<std::string> global_words(const GlobalOptions& g);

// Whether errors are not printed because the command becomes a request (report_errors).
[[nodiscard]] bool approval_refusal_deferred();
// Before the command runs: whether a refusal for want of approval records a request. Not
// for batch and statement imports, which report the refusal (docs/cli.md).
void defer_approval_refusals(const std::vector<std::string>& words);

// After the command ran with `exit_code`: when it was refused for want of approval, records
// the request, prints its id and returns 0 (or the error's exit code); else exit_code.
[[nodiscard]] int record_request_if_refused(const GlobalOptions& g,
                                            const std::vector<std::string>& args,
                                            int exit_code);

// `approve`, when its approval completes the request: arranges the prelude and the run.
[[nodiscard]] ExitCode arrange_completion(Context& ctx, const book::Decision& d);
// After the command ran: when arrange_completion was called, runs the request's words with
// `run` (a fresh command line, as `args`) and reports whether the approval was recorded with
// the operation. Else returns exit_code.
[[nodiscard]] int run_completion(const GlobalOptions& g, int exit_code,
                                 const std::function<int(const std::vector<std::string>&)>& run);

}  // namespace semilla::cli
