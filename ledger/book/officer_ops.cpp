// SPDX-License-Identifier: Apache-2.0
// Book::change_officer: officer.add, officer.roles and officer.revoke, through the Writer
// (which signs them) with the rules of officers.h.
#include "ledger/book/officers.h"
#include "ledger/base/lang.h"
#include "ledger/book/writer.h"

namespace semilla::book {
namespace {

// A rule's member as the command line names it.
std::string cli_field(const std::string& member) {
  if (member == "name") return "NAME";
  if (member == "roles") return "--role";
  if (member == "verifier_key") return "--key";
  if (member == "reason") return "--reason";
  return member;
}

}  // namespace

Result<OfficerRecord> Book::change_officer(OfficerRecord r) {
  auto writer = Writer::begin(*store_, actor_, officer());
  if (!writer.ok()) return writer.error();
  SEMILLA_TRY(writer->authorize(r.kind));
  r.signer = officer_ ? officer_->name : "";
  if (auto checked = writer->officers().check_change(r); !checked.ok()) {
    Error e = checked.error();
    e.field = cli_field(e.field);
    return e;
  }
  // The first officer proves they hold the key they register by signing with it.
  if (writer->officers().empty() && officer_->key->verifier().to_string() != r.verifier_key) {
    return make_error(ErrorCode::kRefused, "--key",
                      tr("the first officer signs their registration with the key registered: "
                         "the key file given with --as is not the key of --key"));
  }
  auto seq = writer->append(r.kind, officer_payload(r));
  if (!seq.ok()) return seq.error();
  r.audit_seq = *seq;
  SEMILLA_TRY(store_->insert_officer_record(r));
  writer->apply_officer(r);
  SEMILLA_TRY(writer->commit());
  return r;
}

Result<std::vector<OfficerRecord>> Book::officer_records() {
  return store_->list_officer_records();
}

}  // namespace semilla::book
