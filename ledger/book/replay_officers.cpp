// SPDX-License-Identifier: Apache-2.0
// The replay of officers and signatures (issue 11): Replay::check_signature for every record
// and Replay::apply_officer for the officer records, with the rules of officers.h.
#include <thread>

#include "audit/record_signature.h"
#include "ledger/book/replay.h"
#include "ledger/book/signature_check.h"

namespace semilla::book {
namespace {

Error at(const audit::SealedRecord& r, const std::string& what) {
  return make_error(ErrorCode::kVerifyFailed, "record " + std::to_string(r.record.seq), what);
}

// Workers beside the replay: every core but the replay's.
unsigned signature_workers() {
  const unsigned cores = std::thread::hardware_concurrency();
  return cores > 1 ? cores - 1 : 1;
}

// The key of the first officer.add's signer: the one it registers (it proves possession).
Result<std::shared_ptr<const audit::NoteVerifier>> registered_key(const audit::SealedRecord& r) {
  auto added = officer_from_payload(r.record.kind, r.record.payload, r.record.seq,
                                    r.record.signer);
  if (!added.ok()) return at(r, added.error().to_string());
  auto key = audit::NoteVerifier::parse(added->verifier_key);
  if (!key.ok()) return at(r, "payload/verifier_key: " + key.error().message);
  return std::make_shared<const audit::NoteVerifier>(std::move(*key));
}

}  // namespace

Status Replay::check_signature(const audit::SealedRecord& r) {
  const std::string& signer = r.record.signer;
  // The officer whose approval completed a request signs its operation (approvals.h).
  const Status allowed = approvals.waives_role(r.record.kind, signer)
                             ? officers.check_active(signer, "signer")
                             : officers.check_signer(r.record.kind, signer, "signer");
  if (auto s = allowed; !s.ok()) {
    return at(r, r.record.kind + " signer: " + s.error().message);
  }
  if (signer.empty()) return Status::Ok();
  std::shared_ptr<const audit::NoteVerifier> key;
  if (const Officer* o = officers.find(signer); o != nullptr) {
    key = o->key;
  } else {  // check_signer let it through: the first officer.add
    auto registered = registered_key(r);
    if (!registered.ok()) return registered.error();
    key = std::move(*registered);
  }
  auto message = audit::signed_message(r.bytes);
  if (!message.ok()) return at(r, message.error().message);
  if (!signatures_) signatures_ = std::make_unique<SignatureCheck>(signature_workers());
  signatures_->add(r.record.seq, std::move(key), signer, std::move(*message), r.record.sig);
  return Status::Ok();
}

// Checked with check_change as `officer add | roles | revoke` checks it.
Status Replay::apply_officer(const audit::SealedRecord& r) {
  auto o = officer_from_payload(r.record.kind, r.record.payload, r.record.seq, r.record.signer);
  if (!o.ok()) return at(r, o.error().to_string());
  if (auto s = officers.check_change(*o); !s.ok()) {
    return at(r, r.record.kind + " payload/" + s.error().field + ": " + s.error().message);
  }
  officers.apply(*o);
  officer_records.push_back(std::move(*o));
  return Status::Ok();
}

Error Replay::earliest(std::uint64_t seq, Error e) const {
  if (!signatures_) return e;
  Status s = signatures_->finish();
  auto failed = signatures_->failed_seq();
  if (!s.ok() && (!failed || *failed < seq)) return s.error();
  return e;
}

}  // namespace semilla::book
