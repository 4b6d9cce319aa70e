// SPDX-License-Identifier: Apache-2.0
// Period close: a closed month takes no postings (the book checks it in every posting's
// effective date, ledger/book/post.cpp); reopening is possible but audited with a reason.
#include "ledger/base/limits.h"
#include "ledger/base/text.h"
#include "ledger/grants/grants.h"
#include "ledger/grants/grants_internal.h"

namespace semilla::grants {
namespace {

// "YYYY-MM" of a real month; returns its last day.
Result<Date> month_end(const std::string& month) {
  auto first = Date::parse(month + "-01", "MONTH");
  if (month.size() != 7 || !first.ok()) {
    return make_error(ErrorCode::kInvalid, "MONTH", "\"" + month + "\" is not a month YYYY-MM");
  }
  return first->end_of_month();
}

Result<std::optional<store::PeriodEventRow>> latest(book::BookTransaction& tx,
                                                    const std::string& month) {
  return tx.store().periods().latest_period_event(month);
}

Result<store::PeriodEventRow> write(book::BookTransaction& tx, store::PeriodEventRow p) {
  auto seq = tx.append_record(p.closed ? kKindPeriodClose : kKindPeriodReopen, to_payload(p));
  if (!seq.ok()) return seq.error();
  p.audit_seq = *seq;
  p.time = tx.time();
  SEMILLA_TRY(tx.store().periods().insert_period_event(p));
  SEMILLA_TRY(tx.commit());
  return p;
}

}  // namespace

Result<store::PeriodEventRow> close_period(book::Book& book, const std::string& month) {
  auto end = month_end(month);
  if (!end.ok()) return end.error();
  auto tx = book.begin();
  if (!tx.ok()) return tx.error();
  if (*end >= tx->today()) {
    return make_error(ErrorCode::kRefused, "MONTH",
                      month + " is not over yet (today is " + tx->today().to_string() +
                          " in " + tx->info().timezone + ")");
  }
  auto last = latest(*tx, month);
  if (!last.ok()) return last.error();
  if (last->has_value() && (*last)->closed) {
    return make_error(ErrorCode::kConflict, "MONTH",
                      month + " is already closed (audit record " +
                          std::to_string((*last)->audit_seq) + ")");
  }
  return write(*tx, store::PeriodEventRow{0, month, true, "", ""});
}

Result<store::PeriodEventRow> reopen_period(book::Book& book, const std::string& month,
                                            const std::string& reason) {
  auto end = month_end(month);
  if (!end.ok()) return end.error();
  SEMILLA_TRY(check_text(reason, "--reason", limits::kReasonBytesMax, false));
  auto tx = book.begin();
  if (!tx.ok()) return tx.error();
  auto last = latest(*tx, month);
  if (!last.ok()) return last.error();
  if (!last->has_value() || !(*last)->closed) {
    return make_error(ErrorCode::kConflict, "MONTH", month + " is not closed");
  }
  return write(*tx, store::PeriodEventRow{0, month, false, reason, ""});
}

Result<std::vector<store::PeriodEventRow>> period_events(book::Book& book) {
  return book.store().periods().list_period_events();
}

}  // namespace semilla::grants
