// SPDX-License-Identifier: Apache-2.0
// Internal to ledger/book: the state the audit records describe, rebuilt in memory.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <unordered_map>
#include <string>
#include <tuple>
#include <vector>

#include "audit/record.h"
#include "ledger/book/approvals.h"
#include "ledger/book/checkpoint_record.h"
#include "ledger/book/model.h"
#include "ledger/book/module_replay.h"
#include "ledger/book/officers.h"
#include "ledger/book/ownership.h"
#include "ledger/book/rules.h"
#include "ledger/money/amount.h"

namespace semilla::book {

class SignatureCheck;

struct ReplayedTransaction {
  std::uint64_t seq = 0;
  // SHA-256 of the transaction's fingerprint text (payload, time and seq, serialised): equal
  // iff the rows agree. 32 bytes instead of the text's 200 or so: a million of them fit.
  audit::Hash fingerprint{};
  PostedFacts facts;        // what later records' rules read (a reversal of it)
};

struct ReplayedCheckpoint {
  std::uint64_t seq = 0;  // the record that stored it; equals checkpoint.size
  std::string time;       // that record's time
  CheckpointRecord checkpoint;
};

class Replay {
 public:
  // With one instance of every registered module (register_module_replay).
  Replay();
  Replay(Replay&&) noexcept;
  Replay& operator=(Replay&&) noexcept;
  ~Replay();

  // Every module's compare(): the module tables agree with the records.
  [[nodiscard]] Status compare_modules(store::Store& store) const;
  // Every module's restore(): its tables written from the records (book import).
  [[nodiscard]] Status restore_modules(store::Store& store) const;

  // Applies one verified record: the rules a command checked (rules.h and each module's) are
  // checked on it against the state replayed so far. kVerifyFailed naming the record for a
  // payload that does not decode, a rule it breaks, an id out of sequence, or a kind the book
  // does not know.
  [[nodiscard]] Status apply(const audit::SealedRecord& r);
  // After the last record: kVerifyFailed when an officer's signature does not verify
  // (signature_check.h), or the log ends with a claim still open (a transaction on a
  // module's accounts that no record of the module names).
  [[nodiscard]] Status finish() const;
  // `e`, the failure at record `seq`, unless an officer's signature of an earlier record
  // failed (checked beside the replay): then that one, which comes first in the log.
  [[nodiscard]] Error earliest(std::uint64_t seq, Error e) const;

  // The transaction of the record just before the current one, when that record was a
  // transaction on a module's accounts: the module's record that names it compares its
  // postings with those its operation posts.
  [[nodiscard]] const Transaction* claimed() const { return claimed_ ? &*claimed_ : nullptr; }

  // The seq of the record that closed `month` when it is closed after the records so far
  // (asked of every module: period records are the grants module's).
  [[nodiscard]] Result<std::optional<std::uint64_t>> closed_by(const std::string& month) const;

  // "Today" for record `r`: its time's date in the book's zone (never the verifier's clock).
  [[nodiscard]] Result<Date> today_at(const audit::SealedRecord& r) const;

  class BalanceDays;
  // Closing balances per (account, currency, day), computed from the deltas one row at a
  // time in the balance table's order: a million rows are compared without being kept.
  [[nodiscard]] BalanceDays balance_days() const;

  std::optional<BookInfo> info;
  std::vector<Account> accounts;                     // index = id - 1
  // Current attributes (after updates). Hashed: every transaction naming an enterprise asks
  // for it, and an ordered map's walk (string compares down 15 levels) was 4 % of verify's
  // CPU at 1M.
  std::unordered_map<std::string, Enterprise> enterprises;
  std::vector<Enterprise> enterprise_updates;         // each enterprise.update, in log order
  std::vector<StatusName> status_names;               // each status.define, in log order
  OfficerRegistry officers;                           // as the officer records leave them
  std::vector<OfficerRecord> officer_records;         // each officer record, in log order
  ApprovalBook approvals;                             // policies and requests so far
  std::vector<ApprovalRecord> approval_records;       // each approval-kind record, in order
  std::vector<ReplayedTransaction> transactions;     // index = id - 1
  // false: transactions keep a zero fingerprint. Verifying a bundle has no rows to compare
  // them with, and hashing a million transactions costs CPU for nothing.
  bool keep_fingerprints = true;
  // In signing order. Each note is signed by the key in its record; whether the tree's root
  // at its size matches is for the caller, who holds the tree, to check.
  std::vector<ReplayedCheckpoint> checkpoints;

 private:
  class State;
  friend class State;
  Status apply_transaction(const audit::SealedRecord& r);
  Status apply_account(const audit::SealedRecord& r);
  Status apply_enterprise(const audit::SealedRecord& r);
  Status apply_status_define(const audit::SealedRecord& r);
  Status apply_checkpoint(const audit::SealedRecord& r);
  // replay_officers.cpp: the signer may write this record (check_signer), and its signature
  // is queued for signatures_; an officer record's rules (check_change).
  Status check_signature(const audit::SealedRecord& r);
  Status apply_officer(const audit::SealedRecord& r);
  // replay_approvals.cpp: ApprovalBook::step on every record once the book has policies,
  // and on the approval kinds' records, whose rows are kept for the compare.
  Status step_approvals(const audit::SealedRecord& r);
  // The module claims of the records before `r` (ownership.h): kVerifyFailed when `r` does
  // not close a claim that must close now.
  Status check_claims(const audit::SealedRecord& r);

  std::unordered_map<std::string, std::int64_t> account_ids_;  // by name
  std::map<std::string, std::int64_t, std::less<>> roots_;     // first account under a root
  std::unordered_map<std::string, std::int64_t> refs_;         // transaction by ref
  // A transaction on a module's accounts waits for the module's record naming it, which
  // must come right after it; accounts a module creates wait for the module's next record.
  struct Claim {
    const AccountOwner* owner = nullptr;
    std::uint64_t seq = 0;
    std::string what;
  };
  std::optional<Claim> transaction_claim_, account_claim_;
  std::optional<Transaction> pending_, claimed_;
  // The book's zone's date of the last record time seen, by quarter hour (UTC offsets
  // change on quarter hours), so a million records convert few instants.
  mutable std::int64_t today_bucket_ = -1;
  mutable Date today_ = Date::from_ymd(1970, 1, 1);
  // Balance changes by (account, currency, day), sorted into the balance table's order only
  // once, at the end: an ordered map's walk down a tree of a million nodes per posting was a
  // sixth of verify's CPU. The currency is held as its three letters, not a std::string.
  struct DeltaKey {
    std::int64_t account_id = 0;
    std::array<char, 3> currency{};
    Date day = Date::from_ymd(1970, 1, 1);
    friend bool operator==(const DeltaKey&, const DeltaKey&) = default;
    friend bool operator<(const DeltaKey& a, const DeltaKey& b) {
      return std::tie(a.account_id, a.currency, a.day) < std::tie(b.account_id, b.currency, b.day);
    }
  };
  struct DeltaKeyHash {
    std::size_t operator()(const DeltaKey& k) const noexcept;
  };
  std::unordered_map<DeltaKey, money::MinorUnits, DeltaKeyHash> deltas_;
  std::vector<std::unique_ptr<ModuleReplay>> modules_;
  std::unique_ptr<SignatureCheck> signatures_;  // from the first signed record on
};

// The rows of Replay::balance_days(), in (account, currency, day) order. Holds a pointer per
// row (sorting the replay's changes), not the rows: the closing balance is carried from one
// row to the next. Valid while its Replay is.
class Replay::BalanceDays {
 public:
  // The next row, nullopt after the last; kVerifyFailed when a closing balance leaves the
  // int64 range the balance table holds.
  [[nodiscard]] Result<std::optional<BalanceDay>> next();
  [[nodiscard]] std::size_t size() const { return sorted_.size(); }

 private:
  friend class Replay;
  using Entry = std::pair<const DeltaKey, money::MinorUnits>;
  std::vector<const Entry*> sorted_;
  std::size_t next_ = 0;
  money::MinorUnits closing_ = 0;
};

// The fingerprint the store's row must match: SHA-256 of every stored field, serialised.
[[nodiscard]] audit::Hash fingerprint(const Transaction& t);

}  // namespace semilla::book
