// SPDX-License-Identifier: Apache-2.0
// SqliteStore: the Merkle tree's stored hashes and the signed checkpoints.
#include <algorithm>
#include <string>

#include "ledger/store/sqlite_store_internal.h"

namespace semilla::store::detail {

namespace {

// Rows per multi-row INSERT: a batch of records writes its tree hashes in few statements.
constexpr std::size_t kTreeRowsPerInsert = 64;

std::string multi_row_insert(std::size_t rows) {
  std::string sql = "INSERT INTO tree_hashes(idx, hash) VALUES (?, ?)";
  for (std::size_t i = 1; i < rows; ++i) sql += ", (?, ?)";
  return sql;
}

}  // namespace

Status SqliteStore::append_tree_hashes(std::int64_t first_index,
                                       std::span<const audit::Hash> hashes) {
  return guarded<Status>([&] {
    static const std::string kFull = multi_row_insert(kTreeRowsPerInsert);
    std::size_t done = 0;
    while (done < hashes.size()) {
      const std::size_t rows = std::min(kTreeRowsPerInsert, hashes.size() - done);
      auto& s = rows == kTreeRowsPerInsert ? stmt(kFull.c_str())
                                           : stmt("INSERT INTO tree_hashes(idx, hash) "
                                                  "VALUES (?, ?)");
      const std::size_t n = rows == kTreeRowsPerInsert ? rows : 1;
      for (std::size_t i = 0; i < n; ++i) {
        const auto& h = hashes[done + i];
        const int col = static_cast<int>(2 * i);
        s.bind(col + 1, first_index + static_cast<std::int64_t>(done + i));
        s.bindNoCopy(col + 2, h.data(), static_cast<int>(h.size()));
      }
      s.exec();
      done += n;
    }
    return Status::Ok();
  });
}

Result<std::vector<audit::Hash>> SqliteStore::read_tree_hashes(
    std::span<const std::int64_t> indexes) {
  using R = Result<std::vector<audit::Hash>>;
  return guarded<R>([&]() -> R {
    auto& s = stmt("SELECT hash FROM tree_hashes WHERE idx = ?");
    std::vector<audit::Hash> out;
    out.reserve(indexes.size());
    for (std::int64_t index : indexes) {
      s.reset();
      s.bind(1, index);
      if (!s.executeStep() || s.getColumn(0).getBytes() != 32) {
        return make_error(ErrorCode::kNotFound, "",
                          "tree hash " + std::to_string(index) + " is not stored");
      }
      out.push_back(hash_from_blob(s.getColumn(0)));
    }
    return out;
  });
}

Result<std::int64_t> SqliteStore::tree_hash_end() {
  return guarded<Result<std::int64_t>>([&]() -> Result<std::int64_t> {
    auto& s = stmt("SELECT max(idx) FROM tree_hashes");  // the rowid's last entry: one seek
    if (!s.executeStep() || s.getColumn(0).isNull()) return std::int64_t{0};
    return s.getColumn(0).getInt64() + 1;
  });
}

Status SqliteStore::for_each_tree_hash(
    const std::function<Status(std::int64_t, const audit::Hash&)>& visit) {
  return guarded<Status>([&]() -> Status {
    SQLite::Statement s(db_, "SELECT idx, hash FROM tree_hashes ORDER BY idx");
    while (s.executeStep()) {
      SEMILLA_TRY(visit(s.getColumn(0).getInt64(), hash_from_blob(s.getColumn(1))));
    }
    return Status::Ok();
  });
}

Status SqliteStore::insert_checkpoint(const StoredCheckpoint& c) {
  return guarded<Status>([&] {
    auto& s = stmt("INSERT INTO checkpoints(id, origin, size, root, note, verifier_key, "
                   "created_at, audit_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, c.id);
    s.bind(2, c.origin);
    s.bind(3, static_cast<std::int64_t>(c.size));
    s.bindNoCopy(4, c.root.data(), static_cast<int>(c.root.size()));
    s.bind(5, c.note);
    s.bind(6, c.verifier_key);
    s.bind(7, c.created_at);
    s.bind(8, static_cast<std::int64_t>(c.audit_seq));
    s.exec();
    return Status::Ok();
  });
}

Result<std::vector<StoredCheckpoint>> SqliteStore::list_checkpoints() {
  using R = Result<std::vector<StoredCheckpoint>>;
  return guarded<R>([&]() -> R {
    auto& s = stmt("SELECT id, origin, size, root, note, verifier_key, created_at, audit_seq "
                   "FROM checkpoints ORDER BY id");
    std::vector<StoredCheckpoint> out;
    while (s.executeStep()) {
      StoredCheckpoint c;
      c.id = s.getColumn(0).getInt64();
      c.origin = s.getColumn(1).getString();
      c.size = static_cast<std::uint64_t>(s.getColumn(2).getInt64());
      c.root = hash_from_blob(s.getColumn(3));
      c.note = s.getColumn(4).getString();
      c.verifier_key = s.getColumn(5).getString();
      c.created_at = s.getColumn(6).getString();
      c.audit_seq = static_cast<std::uint64_t>(s.getColumn(7).getInt64());
      out.push_back(std::move(c));
    }
    return out;
  });
}

}  // namespace semilla::store::detail
