// SPDX-License-Identifier: Apache-2.0
// Valid books written through the real `semilla` binary, each covering a group of record
// kinds, with checkpoints signed by a key made by `semilla keys generate`. The mutation test
// forges their bundles; the property test starts from the same accounts.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "audit/note_key.h"
#include "tests/e2e/cli_runner.h"

namespace semilla::rules_e2e {

// A book written through the CLI and exported with `semilla book export`.
struct BuiltBook {
  std::string bundle;    // the bundle's bytes
  std::string vkey;      // verifier key of the checkpoints' signer
  std::string key_file;  // the signer's private key file (in the Cli's directory)
  std::map<std::string, std::string> officer_keys;  // officer name -> private key file
};

// The book every test starts from: USD, time zone America/Guayaquil, accounts Assets:Bank
// (USD), Assets:Cash:PEN (PEN), Equity:Donor, Expenses:Training, Income:Other,
// Liabilities:Payable; enterprises EC-001 (individual, every attribute), EC-002 (cooperative),
// EC-003 (individual); 20000.00 deposited on 2026-01-02 (ref BANK-1).
void start_book(const e2e::Cli& cli, const std::string& name);

// book.init, account.add (with and without currency and enterprise), enterprise.add (every
// attribute), plain transactions in two currencies with and without ref and enterprise,
// reversals, and two checkpoints.
[[nodiscard]] BuiltBook build_journal_book(const e2e::Cli& cli);
// The journal's accounts plus every loan record: two products, loans repaid, a repayment
// reversed, a loan written off and recovered, one opened and never disbursed.
[[nodiscard]] BuiltBook build_loans_book(const e2e::Cli& cli);
// Every grant record: a fund with a budget, receipts, spending, members, milestones, grants
// awarded, disbursed in cash and in kind, returned and cancelled, months closed and reopened,
// and a batch import.
[[nodiscard]] BuiltBook build_grants_book(const e2e::Cli& cli);

// Officers (issue 11): the journal's start in single-user mode, then admin ana registering
// herself, recorder luis and approver eva; luis posts, reverses and adds an enterprise, ana
// signs a checkpoint and makes eva a recorder too, eva posts, ana revokes luis, eva posts.
[[nodiscard]] BuiltBook build_officers_book(const e2e::Cli& cli);
// Approvals (issue 11): officers ana (admin), luis (recorder), eva and rosa (approvers); a
// policy on reversals above 50 USD needing 2 approvals within 30 days; a reversal approved by
// both, one rejected, one below the threshold applied at once; the policy changed to 1
// approval without threshold; a reversal approved by rosa; a checkpoint.
[[nodiscard]] BuiltBook build_approvals_book(const e2e::Cli& cli);
// Signs as the forger who holds every officer's key of `book` (forge.h's sign_record).
[[nodiscard]] std::function<std::string(const std::string&, const std::string&)> officer_signer(
    const BuiltBook& book);

// The signer behind `book.key_file`, as the key holder reads it.
[[nodiscard]] audit::NoteSigner read_signer(const BuiltBook& book);

// Runs `semilla --json ARGS` and returns the "transaction" member of its output (the id of
// the transaction a command posted); the test fails and 0 is returned when there is none.
[[nodiscard]] int posted_transaction(const e2e::Cli& cli, const std::vector<std::string>& args);

// Generates the audit key rules.example.org/audit in the Cli's directory.
[[nodiscard]] BuiltBook generate_key(const e2e::Cli& cli);
// `audit checkpoint` with the book's key.
void checkpoint(const e2e::Cli& cli, const BuiltBook& book);
// `book export` of the Cli's book into book.bundle.
void export_book(const e2e::Cli& cli, BuiltBook& book);

}  // namespace semilla::rules_e2e
