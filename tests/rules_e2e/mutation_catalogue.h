// SPDX-License-Identifier: Apache-2.0
// What the mutation catalogue is built with: a collector of named mutations, paths into a
// record ("payload/postings/0/amount"), and lookups of the records of a valid bundle.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/rules_e2e/mutations.h"

namespace semilla::rules_e2e {

using Records = std::vector<json>;

// The value at `path` ("payload/postings/0/amount") inside `record`; created when missing.
json& at(json& record, const std::string& path);
// Removes the value at `path`.
void erase_at(json& record, const std::string& path);

// Collects mutations of one valid bundle's records.
class Catalogue {
 public:
  explicit Catalogue(const Records& records) : records_(records) {}
  [[nodiscard]] const Records& records() const { return records_; }

  // Changes record i (its payload or envelope) before sealing.
  void edit(std::size_t i, const std::string& what, Expect expect,
            std::function<void(json& record)> change);
  // Changes record i after sealing set its seq and prev, just before it is hashed.
  void sealed(std::size_t i, const std::string& what, Expect expect,
              std::function<void(json& record)> change);
  // Changes checkpoint record i's payload before its note is signed.
  void before_sign(std::size_t i, const std::string& what, Expect expect,
                   std::function<void(json& payload)> change);
  // Any change of the list (records added, dropped, swapped), counted under `kind`.
  void whole(const std::string& kind, const std::string& what, Expect expect,
             std::function<void(Records& records)> change);

  [[nodiscard]] std::vector<Mutation> take() { return std::move(out_); }

 private:
  [[nodiscard]] std::string label(std::size_t i) const;
  const Records& records_;
  std::vector<Mutation> out_;
};

// The record kind of `r`.
[[nodiscard]] std::string kind_of(const json& r);
// Index of the n-th record (from 0) of `kind` matching `pred`, if any.
[[nodiscard]] std::optional<std::size_t> find_record(
    const Records& records, std::string_view kind, std::size_t n = 0,
    const std::function<bool(const json& payload)>& pred = {});
// The records whose generic mutations are tried: the first of each kind.
[[nodiscard]] std::vector<std::size_t> representatives(const Records& records);

// One more than the highest payload `id` of the records of `kind` (transaction.post,
// account.add).
[[nodiscard]] std::int64_t next_id(const Records& records, std::string_view kind);

// Amounts with two decimals ("-12.30") as cents, and back.
[[nodiscard]] std::int64_t cents(const json& amount);
[[nodiscard]] std::string amount_text(std::int64_t cents);

// The rule breakers, by group: transactions (balance, refs, reversals, accounts a module
// owns); book.init, accounts, enterprises and checkpoints; loans; grants; the order of the
// records (swaps, drops, duplicates).
void journal_rules(Catalogue& c);
// Plain posts and reversals that move accounts a module owns.
void module_journal_rules(Catalogue& c);
void chart_rules(Catalogue& c);
void loan_rules(Catalogue& c);
void grant_rules(Catalogue& c);
void order_rules(Catalogue& c);
// Officer records and the signatures of every record (issue 11; mutation_officers.cpp).
void officer_rules(Catalogue& c);
void signature_rules(Catalogue& c);
// Policies and approvals (issue 11; mutation_approvals.cpp).
void approval_rules(Catalogue& c);

// Appends a copy of records[i] (a module record, with the transaction.post before it when it
// has a `transaction` member) as if written again: a new transaction id and `ref`, `change`
// applied to the copy's payload.
void append_again(Records& records, std::size_t i, const std::function<void(json&)>& change = {});

}  // namespace semilla::rules_e2e
