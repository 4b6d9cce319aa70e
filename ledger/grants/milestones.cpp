// SPDX-License-Identifier: Apache-2.0
// Milestone names a programme defines (milestone define) and the names a book knows.
#include <algorithm>
#include <limits>

#include "ledger/grants/grant_rules.h"
#include "ledger/grants/grants.h"
#include "ledger/grants/grants_internal.h"

namespace semilla::grants {
namespace {

// The first definition's record, after every record when there is none: names used before it
// are known without a definition.
std::uint64_t first_definition(const std::vector<store::MilestoneNameRow>& defined) {
  std::uint64_t first = std::numeric_limits<std::uint64_t>::max();
  for (const auto& m : defined) first = std::min(first, m.audit_seq);
  return first;
}

}  // namespace

Result<MilestoneNames> load_milestone_names(store::Store& store) {
  auto defined = store.grants().list_milestone_names();
  if (!defined.ok()) return defined.error();
  auto used = store.grants().used_milestone_names(first_definition(*defined));
  if (!used.ok()) return used.error();
  MilestoneNames names;
  for (const auto& m : *defined) names.define(m);
  for (const auto& n : *used) names.use(n);
  return names;
}

Status check_milestone_known(store::Store& store, const std::string& name,
                             const std::string& field) {
  // The defined names are few (a programme's list); the names in use before them, read from
  // every milestone and condition, are needed only for a name that is not defined.
  auto defined = store.grants().list_milestone_names();
  if (!defined.ok()) return defined.error();
  for (const auto& m : *defined) {
    if (m.name == name) return Status::Ok();
  }
  auto names = load_milestone_names(store);
  if (!names.ok()) return names.error();
  return names->check_known(name, field);
}

Result<KnownMilestoneNames> milestone_names(book::Book& book) {
  auto defined = book.store().grants().list_milestone_names();
  if (!defined.ok()) return defined.error();
  auto used = book.store().grants().used_milestone_names(first_definition(*defined));
  if (!used.ok()) return used.error();
  KnownMilestoneNames out{std::move(*defined), {}};
  for (auto& n : *used) {
    bool is_defined = false;
    for (const auto& m : out.defined) is_defined = is_defined || m.name == n;
    if (!is_defined) out.used_before.push_back(std::move(n));
  }
  return out;
}

Result<MilestoneNameOutcome> define_milestone(book::Book& book, const std::string& name,
                                              const std::string& label) {
  return in_transaction(book, [&](book::BookTransaction& tx) -> Result<MilestoneNameOutcome> {
    auto names = load_milestone_names(tx.store());
    if (!names.ok()) return names.error();
    store::MilestoneNameRow m{name, label, 0};
    if (const auto* before = names->find(name); before && before->label == label) {
      return MilestoneNameOutcome{*before, true};  // defined so already: nothing changes
    }
    SEMILLA_TRY(check_milestone_define(m, *names));
    auto seq = tx.append_record(kKindMilestoneDefine, to_payload(m));
    if (!seq.ok()) return seq.error();
    m.audit_seq = *seq;
    SEMILLA_TRY(tx.store().grants().insert_milestone_name(m));
    return MilestoneNameOutcome{std::move(m), false};
  });
}

}  // namespace semilla::grants
