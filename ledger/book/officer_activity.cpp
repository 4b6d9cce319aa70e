// SPDX-License-Identifier: Apache-2.0
#include "ledger/book/officer_activity.h"

#include "audit/record.h"
#include "ledger/book/approvals.h"

namespace semilla::book {

Result<std::vector<OfficerActivity>> officer_activity(Book& book, std::optional<Date> from,
                                                      std::optional<Date> to) {
  std::vector<OfficerActivity> out;
  std::map<std::string, std::size_t> index;
  const std::string zone = book.info().timezone;
  Status s = book.store().for_each_record(0, [&](const store::StoredRecord& stored) -> Status {
    auto opened = audit::open_record(stored.bytes);
    if (!opened.ok()) return opened.error();
    const audit::Record& r = opened->record;
    if (r.signer.empty()) return Status::Ok();
    auto instant = parse_rfc3339_millis_utc(r.time);
    if (!instant.ok()) return instant.error();
    auto day = local_date(*instant, zone);
    if (!day.ok()) return day.error();
    if ((from && *day < *from) || (to && *day > *to)) return Status::Ok();
    auto [it, added] = index.try_emplace(r.signer, out.size());
    if (added) {
      out.emplace_back();
      out.back().officer = r.signer;
    }
    OfficerActivity& a = out[it->second];
    if (r.kind == kKindApprovalRequest) {
      ++a.requested;
    } else if (r.kind == kKindApprovalApprove) {
      ++a.approved;
    } else if (r.kind == kKindApprovalReject) {
      ++a.rejected;
    } else {
      ++a.recorded;
      ++a.kinds[r.kind];
    }
    if (!a.first_seq) a.first_seq = r.seq;
    a.last_seq = r.seq;
    return Status::Ok();
  });
  if (!s.ok()) return s.error();
  return out;
}

}  // namespace semilla::book
