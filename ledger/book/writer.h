// SPDX-License-Identifier: Apache-2.0
// Internal to ledger/book: one database transaction that appends audit records. Every change
// of the book goes through a Writer, so no table row exists without its record.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "ledger/base/date.h"
#include "ledger/store/store.h"

namespace semilla::book {

class Writer {
 public:
  // Takes the store's write lock and reads the log head. The clock is read once, so records
  // of one batch carry the same time.
  [[nodiscard]] static Result<Writer> begin(store::Store& store, std::string actor);
  Writer(Writer&& other) noexcept;
  Writer& operator=(Writer&&) = delete;
  // Rolls back unless commit() succeeded.
  ~Writer();

  // Seals `payload` as the next record and appends it. Returns the record's seq.
  [[nodiscard]] Result<std::uint64_t> append(std::string_view kind, nlohmann::json payload);
  [[nodiscard]] Status commit();

  [[nodiscard]] const std::string& time() const { return time_; }
  [[nodiscard]] store::Store& store() { return *store_; }

 private:
  Writer(store::Store& store, std::string actor, store::AuditHead head, std::string time)
      : store_(&store), actor_(std::move(actor)), head_(head), time_(std::move(time)) {}

  store::Store* store_;
  std::string actor_;
  store::AuditHead head_;
  std::string time_;
  bool open_ = true;
};

}  // namespace semilla::book
