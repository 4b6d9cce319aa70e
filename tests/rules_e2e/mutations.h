// SPDX-License-Identifier: Apache-2.0
// The ways a dishonest key holder changes the records of a valid bundle before sealing it
// again (forge.h): members changed, retyped, misspelled, added or removed; references pointed
// at nothing; rules of the journal, loans and grants broken; records swapped or dropped.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "tests/rules_e2e/forge.h"

namespace semilla::rules_e2e {

// What a Semilla that keeps issue 10's promise must say of the forged bundle.
enum class Expect {
  kRefuse,  // no Semilla command could have written it: verify and import refuse it
  kAccept,  // a command could have written it (a memo changed): both accept it
  kEither,  // the rules do not settle it here: only agreement is asserted
};

struct Mutation {
  std::string name;  // "transaction.post#12 payload/postings/0/amount: \"1\" for \"1.00\""
  std::string kind;  // the kind of the record it changes, for the count per kind
  Expect expect = Expect::kRefuse;
  // Changes the records (and may set hooks for what sealing decides: checkpoints, prev).
  std::function<void(std::vector<json>& records, SealHooks& hooks)> apply;
};

// Which record kinds a book's catalogue covers: the journal book covers the kinds every book
// has (book.init, account.add, enterprise.add, transaction.post, checkpoint.sign); the others
// cover their modules' kinds and how those meet transactions, so no forgery is tried twice.
// The officers book covers the officer kinds and the signatures of every record (issue 11),
// the approvals book the kinds of policies and approvals.
enum class Scope { kJournal, kModules, kOfficers, kApprovals };

// Every mutation of `scope` that applies to `records` (the records of one valid bundle).
// Each changes one thing.
[[nodiscard]] std::vector<Mutation> mutations_for(const std::vector<json>& records, Scope scope);

}  // namespace semilla::rules_e2e
