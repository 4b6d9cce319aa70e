// SPDX-License-Identifier: Apache-2.0
// Period close: a closed month takes no postings (the book checks it in every posting's
// effective date, ledger/book/post.cpp); reopening is possible but audited with a reason.
#include "ledger/base/limits.h"
#include "ledger/base/lang.h"
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

}  // namespace

Status check_period_event(const store::PeriodEventRow& e,
                          const std::optional<store::PeriodEventRow>& last, Date today) {
  auto end = month_end(e.month);
  if (!end.ok()) return end.error();
  const bool closed = last && last->closed;
  if (e.closed) {
    if (*end >= today) {
      return make_error(ErrorCode::kRefused, "MONTH",
                        e.month + " is not over yet (today is " + today.to_string() +
                            " in the book's zone)");
    }
    if (closed) {
      return make_error(ErrorCode::kConflict, "MONTH",
                        e.month + " is already closed (audit record " +
                            std::to_string(last->audit_seq) + ")");
    }
    if (!e.reason.empty()) return make_error(ErrorCode::kInvalid, "--reason", tr("a close has "
                                                                                 "none"));
    return Status::Ok();
  }
  SEMILLA_TRY(check_text(e.reason, "--reason", limits::kReasonBytesMax, false));
  if (!closed) return make_error(ErrorCode::kConflict, "MONTH", e.month + " is not closed");
  return Status::Ok();
}

namespace {

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

// Close and reopen: the rules are check_period_event's, which the replay runs too.
Result<store::PeriodEventRow> change_period(book::Book& book, store::PeriodEventRow e) {
  if (auto end = month_end(e.month); !end.ok()) return end.error();
  auto tx = book.begin();
  if (!tx.ok()) return tx.error();
  auto last = latest(*tx, e.month);
  if (!last.ok()) return last.error();
  SEMILLA_TRY(check_period_event(e, *last, tx->today()));
  return write(*tx, std::move(e));
}

Result<store::PeriodEventRow> close_period(book::Book& book, const std::string& month) {
  return change_period(book, store::PeriodEventRow{0, month, true, "", ""});
}

Result<store::PeriodEventRow> reopen_period(book::Book& book, const std::string& month,
                                            const std::string& reason) {
  return change_period(book, store::PeriodEventRow{0, month, false, reason, ""});
}

Result<std::vector<store::PeriodEventRow>> period_events(book::Book& book) {
  return book.store().periods().list_period_events();
}

}  // namespace semilla::grants
