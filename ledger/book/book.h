// SPDX-License-Identifier: Apache-2.0
// Book: the rules of the ledger. Every change is validated here, then written through the
// Store together with its audit record in one database transaction, so a crash leaves the old
// state or the new one and the chain always covers what the tables hold.
//
// Inputs are drafts of raw user text: the book parses them, so every error names the field
// the user typed ("--debit 2", "--date") and says what is wrong with it.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string_view>
#include <optional>
#include <string>
#include <vector>

#include "audit/note_key.h"
#include "ledger/book/model.h"
#include "ledger/store/store.h"

namespace semilla::book {

struct InitOptions {
  std::string currency;            // ISO 4217 code of the default currency
  std::string name;                // the organisation or programme
  std::string timezone = "UTC";    // IANA zone deciding "today"
};

// Raw user input; an empty string means "not given".
struct AccountDraft {
  std::string name, type, currency, enterprise;
};

struct EnterpriseDraft {
  std::string id, name, kind, sex, birth_year, nationality, status, province, cohort;
};

// The officer a command acts as (issue 11, officers.h): their name and private key (read from
// the key file, never stored). The Writer signs every record with it.
struct OfficerKey {
  std::string name;
  std::shared_ptr<const audit::NoteSigner> key;
};

// What `status define` did: the status, and whether it was defined so already.
struct StatusDefineOutcome {
  StatusName status;
  bool duplicate = false;
};

// What `enterprise update` did: the enterprise's attributes now, whether an enterprise.update
// was recorded (attributes changed) and whether the name changed (outside the chain).
struct EnterpriseUpdate {
  Enterprise enterprise;
  bool recorded = false;
  bool name_changed = false;
};

struct PostingDraft {
  std::string account;
  std::string amount;      // positive decimal text
  std::string currency;    // empty: the account's currency, else the book's
  bool debit = true;
  std::string field;       // how the user wrote it, for errors: "--debit 1"
  // Where the user wrote `currency`, when apart from the posting ("postings/0/currency" in
  // a batch); empty: `field`. A currency Semilla does not know is named there.
  std::string currency_field = {};
};

struct TransactionDraft {
  std::string date, memo, ref, enterprise;
  std::vector<PostingDraft> postings;
  std::string field;       // prefix for error fields, e.g. "/operations/3" (may be empty)
  // `post` without --allow-duplicate: a transaction without ref equal to a plain one already
  // posted on its date (same memo, enterprise and postings) is refused (kConflict, naming it).
  bool refuse_same_day = false;
};

// A posted transaction; `duplicate` when the same ref and content were already posted and
// nothing changed.
struct PostOutcome {
  Transaction transaction;
  bool duplicate = false;
};

// An enterprise's statement: per currency, opening balance, lines with running balance,
// closing balance. The enterprise's position is the sum of the accounts it owns.
struct StatementEntry {
  store::StatementLine line;
  money::Amount running = money::Amount::zero(*money::Currency::find("USD"));
};
struct Statement {
  Enterprise enterprise;
  Date from = Date::from_ymd(1970, 1, 1), to = Date::from_ymd(1970, 1, 1);
  std::vector<money::Amount> opening, closing;   // per currency, non-zero only
  std::vector<StatementEntry> entries;
};

// One database transaction for a feature module (loans, grants): it appends the module's own
// audit records and posts ordinary transactions under the book's rules, and all of it commits
// together or not at all. Destroying it without a successful commit() rolls everything back.
class BookTransaction {
 public:
  BookTransaction(BookTransaction&&) noexcept;
  BookTransaction& operator=(BookTransaction&&) = delete;
  ~BookTransaction();

  // Appends a record of the module's own kind ("loan.open"); returns its seq. The payload
  // must hold no personal data (the chain is forever) and no floating-point numbers.
  [[nodiscard]] Result<std::uint64_t> append_record(std::string_view kind,
                                                    nlohmann::json payload);
  // Validates and posts like Book::post, inside this transaction. `owner`: the feature module
  // posting on its own accounts ("loans", book/ownership.h); a person's post or a batch's
  // transaction (empty) may not move a module's account.
  [[nodiscard]] Result<PostOutcome, Errors> post(const TransactionDraft& draft,
                                                 std::string_view owner = {});
  // Adds like Book::add_account / add_enterprise, inside this transaction. `owner`: the
  // feature module creating one of its own accounts ("loans", book/ownership.h); a person
  // (empty) may not create a module's account.
  [[nodiscard]] Result<Account> add_account(const AccountDraft& draft,
                                            std::string_view owner = {});
  [[nodiscard]] Result<Enterprise> add_enterprise(const EnterpriseDraft& draft);
  // Reverses like Book::reverse, inside this transaction; `owner` as for post.
  [[nodiscard]] Result<Transaction> reverse(std::int64_t id, const std::string& date,
                                            const std::string& reason,
                                            std::string_view owner = {});

  // Today in the book's zone, and the time stamped on this transaction's records.
  [[nodiscard]] Date today() const;
  [[nodiscard]] const std::string& time() const;
  [[nodiscard]] const BookInfo& info() const;
  [[nodiscard]] store::Store& store();
  [[nodiscard]] Status commit();

 private:
  friend class Book;
  struct Impl;
  explicit BookTransaction(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

class Book {
 public:
  // Creates the book in an empty store: records `book.init` as audit record 0.
  [[nodiscard]] static Result<Book> init(store::Store& store, const InitOptions& options,
                                         std::string actor);
  // Opens an existing book. kNotFound when the store holds no book.
  [[nodiscard]] static Result<Book> open(store::Store& store, std::string actor);

  [[nodiscard]] const BookInfo& info() const { return info_; }
  // Today in the book's time zone (SEMILLA_NOW fixes the clock).
  [[nodiscard]] Result<Date> today() const;

  [[nodiscard]] Result<Account> add_account(const AccountDraft& draft);
  [[nodiscard]] Result<Enterprise> add_enterprise(const EnterpriseDraft& draft);
  // Corrects an enterprise: the attributes given (non-empty fields of `draft`; `kind` must be
  // empty) are recorded as an enterprise.update with all its attributes, and a new name
  // replaces the old one outside the chain. Refused (kNotFound) for an unknown enterprise,
  // kInvalid for a bad value, kConflict for a kind. Nothing written when nothing changes.
  [[nodiscard]] Result<EnterpriseUpdate> update_enterprise(const EnterpriseDraft& draft);
  // Erases the enterprise's name (personal data, never in the chain). false when it had none.
  [[nodiscard]] Result<bool> forget_enterprise_name(const std::string& id);
  // Defines a migration status (status.define, check_status_define); `duplicate` when it is
  // defined already with this label, which changes nothing.
  [[nodiscard]] Result<StatusDefineOutcome> define_status(const std::string& name,
                                                          const std::string& label);
  // The statuses the book defined, in record order (the built-in ones: builtin_statuses()).
  [[nodiscard]] Result<std::vector<StatusName>> status_names();

  // Validates and posts. Every problem is reported (Errors), and then nothing changes.
  [[nodiscard]] Result<PostOutcome, Errors> post(const TransactionDraft& draft);
  // Posts all drafts in one database transaction: all of them or, on any error, none.
  [[nodiscard]] Result<std::vector<PostOutcome>, Errors> post_batch(
      const std::vector<TransactionDraft>& drafts);
  // Posts the mirror of transaction `id`, linked to it. Refused when `id` is unknown, already
  // reversed, itself a reversal, or `date` precedes it or is in the future.
  [[nodiscard]] Result<Transaction> reverse(std::int64_t id, const std::string& date,
                                            const std::string& reason);

  // Starts a transaction for a feature module (see BookTransaction).
  [[nodiscard]] Result<BookTransaction> begin();

  [[nodiscard]] Result<std::vector<Account>> accounts();
  [[nodiscard]] Result<std::vector<Enterprise>> enterprises();
  [[nodiscard]] Result<Transaction> transaction(std::int64_t id);
  // Per account and currency; as_of empty = everything posted.
  [[nodiscard]] Result<std::vector<AccountBalance>> balances(const std::string& prefix,
                                                             const std::string& as_of);
  [[nodiscard]] Result<Statement> statement(const std::string& enterprise,
                                            const std::string& from, const std::string& to);

  [[nodiscard]] store::Store& store() { return *store_; }
  [[nodiscard]] const std::string& actor() const { return actor_; }

  // Every later write is signed by `officer` (issue 11; officers.h has the rules).
  void act_as(OfficerKey officer) { officer_ = std::move(officer); }
  // The officer this book acts as; nullptr when none (unsigned writes, single-user mode).
  [[nodiscard]] const OfficerKey* officer() const { return officer_ ? &*officer_ : nullptr; }
  // Records an officer change (officer.add, officer.roles or officer.revoke: r.kind, with
  // its members; signer and audit_seq are filled in), signed by this book's officer after
  // check_signer and check_change. The first officer.add is signed with the key it
  // registers. Errors name the CLI's fields (NAME, --role, --key, --reason, --as).
  [[nodiscard]] Result<OfficerRecord> change_officer(OfficerRecord r);
  // Every officer record, in record order (officer list rebuilds the registry from them).
  [[nodiscard]] Result<std::vector<OfficerRecord>> officer_records();

 private:
  Book(store::Store& store, BookInfo info, std::string actor)
      : store_(&store), info_(std::move(info)), actor_(std::move(actor)) {}

  friend class Writer;
  store::Store* store_;
  BookInfo info_;
  std::string actor_;
  std::optional<OfficerKey> officer_;
};

}  // namespace semilla::book
