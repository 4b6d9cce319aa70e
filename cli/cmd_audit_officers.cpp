// SPDX-License-Identifier: Apache-2.0
// semilla audit officers [--from D] [--to D]: per officer, what they recorded, requested,
// approved and rejected (issue 11; ledger/book/officer_activity.h).
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/csv_out.h"
#include "cli/table.h"
#include "ledger/base/lang.h"
#include "ledger/book/officer_activity.h"

namespace semilla::cli {
namespace {

using nlohmann::json;

struct Range {
  std::string from, to;
};

Result<std::optional<Date>> bound(const std::string& text, const char* field) {
  if (text.empty()) return std::optional<Date>();
  auto d = Date::parse(text, field);
  if (!d.ok()) return d.error();
  return std::optional<Date>(*d);
}

ExitCode run_officers(Context& ctx, const Range& range) {
  auto from = bound(range.from, "--from");
  if (!from.ok()) return report_error(ctx, from.error());
  auto to = bound(range.to, "--to");
  if (!to.ok()) return report_error(ctx, to.error());
  SEMILLA_OPEN_BOOK(ctx, b);
  auto activity = book::officer_activity(b, *from, *to);
  if (!activity.ok()) return report_error(ctx, activity.error());
  json out = json::array();
  for (const auto& a : *activity) {
    out.push_back({{"officer", a.officer},
                   {"recorded", a.recorded},
                   {"requested", a.requested},
                   {"approved", a.approved},
                   {"rejected", a.rejected},
                   {"kinds", a.kinds},
                   {"first_seq", a.first_seq ? json(*a.first_seq) : json()},
                   {"last_seq", a.last_seq ? json(*a.last_seq) : json()}});
  }
  if (print_csv(ctx, {"", &out, {"officer", "recorded", "requested", "approved", "rejected",
                                 "first_seq", "last_seq", "kinds"}})) {
    return kExitOk;
  }
  if (ctx.json()) {
    print_json({{"officers", out}});
    return kExitOk;
  }
  if (out.empty()) {
    std::cout << (range.from.empty() && range.to.empty() ? tr("No signed records.\n")
                                                          : tr("No signed records then.\n"));
    return kExitOk;
  }
  Table t({{tr("Officer")}, {tr("Recorded"), Table::Align::kRight},
           {tr("Requested"), Table::Align::kRight}, {tr("Approved"), Table::Align::kRight},
           {tr("Rejected"), Table::Align::kRight}, {tr("Records"), Table::Align::kRight}});
  for (const auto& a : *activity) {
    t.add_row({a.officer, std::to_string(a.recorded), std::to_string(a.requested),
               std::to_string(a.approved), std::to_string(a.rejected),
               std::to_string(*a.first_seq) + ".." + std::to_string(*a.last_seq)});
  }
  t.print(std::cout);
  return kExitOk;
}

}  // namespace

void add_audit_officers(CLI::App& audit, Context& ctx, ExitCode& exit_code) {
  auto range = std::make_shared<Range>();
  auto* cmd = audit.add_subcommand(
      "officers", tr("Per officer: records signed, approvals requested, given and refused"));
  cmd->add_option("--from", range->from,
                  tr("First day, YYYY-MM-DD (the records' time, book's zone)"));
  cmd->add_option("--to", range->to, tr("Last day, YYYY-MM-DD"));
  cmd->footer(tr("Example:\n  semilla audit officers --from 2026-04-01 --to 2026-06-30"));
  ctx.offer_csv(cmd);
  cmd->callback([&ctx, &exit_code, range] { exit_code = run_officers(ctx, *range); });
}

}  // namespace semilla::cli
