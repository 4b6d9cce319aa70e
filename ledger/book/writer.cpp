// SPDX-License-Identifier: Apache-2.0
#include "ledger/book/writer.h"

#include <utility>

#include "audit/record.h"

namespace semilla::book {

Result<Writer> Writer::begin(store::Store& store, std::string actor) {
  auto instant = now();
  if (!instant.ok()) return instant.error();
  SEMILLA_TRY(store.begin());
  auto head = store.audit_head();
  if (!head.ok()) {
    store.rollback();
    return head.error();
  }
  return Writer(store, std::move(actor), *head, instant->to_rfc3339());
}

Writer::Writer(Writer&& other) noexcept
    : store_(other.store_),
      actor_(std::move(other.actor_)),
      head_(other.head_),
      time_(std::move(other.time_)),
      open_(other.open_) {
  other.open_ = false;
}

Writer::~Writer() {
  if (open_) store_->rollback();
}

Result<std::uint64_t> Writer::append(std::string_view kind, nlohmann::json payload) {
  audit::Record record{head_.size, time_, actor_, std::string(kind), std::move(payload),
                       head_.size == 0 ? audit::genesis_prev() : head_.hash};
  auto sealed = audit::seal(std::move(record));
  if (!sealed.ok()) return sealed.error();
  SEMILLA_TRY(store_->append_record(
      store::StoredRecord{sealed->record.seq, std::string(kind), sealed->bytes, sealed->hash}));
  head_ = store::AuditHead{head_.size + 1, sealed->hash};
  return sealed->record.seq;
}

Status Writer::commit() {
  SEMILLA_TRY(store_->commit());
  open_ = false;
  return Status::Ok();
}

}  // namespace semilla::book
