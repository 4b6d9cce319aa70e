// SPDX-License-Identifier: Apache-2.0
// Book: opening, settings, accounts and enterprises.
#include "ledger/book/book.h"

#include <array>
#include <charconv>

#include "ledger/base/lang.h"
#include "ledger/base/limits.h"
#include "ledger/base/text.h"
#include "ledger/book/draft_checks.h"
#include "ledger/book/fields.h"
#include "ledger/book/payload.h"
#include "ledger/book/rules.h"
#include "ledger/book/store_state.h"
#include "ledger/book/writer.h"

namespace semilla::book {
namespace {

Error invalid(const std::string& field, const std::string& message) {
  return make_error(ErrorCode::kInvalid, field, message);
}

// Accounts under one top-level name share a type (Assets:* are assets): a mistyped --type on
// a new sibling would otherwise put money on the wrong side of every report.
}  // namespace

Result<Book> Book::init(store::Store& store, const InitOptions& options, std::string actor) {
  auto currency = money::Currency::find(options.currency, "--currency");
  if (!currency.ok()) return currency.error();
  SEMILLA_TRY(check_book_name(options.name, "--name"));
  if (!is_known_time_zone(options.timezone)) {
    return invalid("--timezone", "\"" + options.timezone +
                                     "\" is not an IANA time zone such as America/Guayaquil");
  }
  auto existing = store.info();
  if (!existing.ok()) return existing.error();
  if (existing->has_value()) {
    return make_error(ErrorCode::kAlreadyExists, "--db", tr("this database already holds a book"));
  }
  BookInfo info{options.name, std::string(currency->code()), options.timezone};
  auto writer = Writer::begin(store, actor);
  if (!writer.ok()) return writer.error();
  SEMILLA_TRY(writer->append(kKindInit, to_payload(info)));
  SEMILLA_TRY(store.put_info(info));
  SEMILLA_TRY(writer->commit());
  return Book(store, std::move(info), std::move(actor));
}

Result<Book> Book::open(store::Store& store, std::string actor) {
  auto info = store.info();
  if (!info.ok()) return info.error();
  if (!info->has_value()) {
    return make_error(ErrorCode::kNotFound, "--db", tr("no book here: run `semilla init` first"));
  }
  return Book(store, **info, std::move(actor));
}

Result<Date> Book::today() const {
  auto instant = now();
  if (!instant.ok()) return instant.error();
  return local_date(*instant, info_.timezone);
}

namespace {

// A person's new account whose name differs from an existing one only in letter case
// (Assets:bank beside Assets:Bank) is a typing mistake: kAlreadyExists naming the existing
// one. Not a rule of the log (books written before may hold such pairs): the command's own.
Status check_case_twin(Writer& writer, const std::string& name) {
  auto twin = writer.case_twin(name);
  if (!twin.ok()) return twin.error();
  if (!*twin) return Status::Ok();
  return make_error(ErrorCode::kAlreadyExists, "NAME",
                    "account \"" + **twin + "\" already exists and differs from \"" + name +
                        "\" only in letter case: use \"" + **twin + "\"");
}

}  // namespace

Result<Account> add_account_in(Writer& writer, const AccountDraft& d, std::string_view owner) {
  store::Store& store = writer.store();
  SEMILLA_TRY(check_account_name(d.name, "NAME"));
  if (owner.empty()) SEMILLA_TRY(check_case_twin(writer, d.name));
  auto type = parse_account_type(d.type, "--type");
  if (!type.ok()) return type.error();
  Account a{0, d.name, *type, std::nullopt, std::nullopt, 0};
  if (!d.currency.empty()) {
    auto c = money::Currency::find(d.currency, "--currency");
    if (!c.ok()) return c.error();
    a.currency = std::string(c->code());
  }
  if (!d.enterprise.empty()) a.enterprise = d.enterprise;
  StoreState state(store, "");  // account rules read no date
  if (auto s = check_account(state, a, owner); !s.ok()) {
    Error e = s.error();
    if (e.code != ErrorCode::kEnvironment) e.field = e.field == "name" ? "NAME" : "--" + e.field;
    return e;
  }
  auto count = store.account_count();
  if (!count.ok()) return count.error();
  a.id = *count + 1;
  auto seq = writer.append(kKindAccount, to_payload(a));
  if (!seq.ok()) return seq.error();
  a.audit_seq = *seq;
  SEMILLA_TRY(store.insert_account(a));
  writer.note_account(a.name);
  return a;
}

Result<Account> Book::add_account(const AccountDraft& d) {
  auto writer = Writer::begin(*store_, actor_, officer());
  if (!writer.ok()) return writer.error();
  auto a = add_account_in(*writer, d, {});
  if (!a.ok()) return a.error();
  SEMILLA_TRY(writer->commit());
  return a;
}

Result<Enterprise> add_enterprise_in(Writer& writer, Date today, const EnterpriseDraft& d) {
  store::Store& store = writer.store();
  SEMILLA_TRY(check_identifier(d.id, "ID", limits::kIdBytesMax));
  SEMILLA_TRY(check_text(d.name, "--name", limits::kNameBytesMax));
  std::string kind = d.kind.empty() ? "individual" : d.kind;
  SEMILLA_TRY(check_enterprise_kind(kind, "--kind"));
  SEMILLA_TRY(check_sex(d.sex, "--sex"));
  SEMILLA_TRY(check_migration_status(d.status, "--status"));
  if (!d.status.empty()) {
    auto defined = store.list_status_names();
    if (!defined.ok()) return defined.error();
    SEMILLA_TRY(check_status_known(*defined, d.status, "--status"));
  }
  SEMILLA_TRY(check_nationality(d.nationality, "--nationality"));
  SEMILLA_TRY(check_attribute(d.province, "--province"));
  SEMILLA_TRY(check_attribute(d.cohort, "--cohort"));
  auto birth = parse_birth_year(d.birth_year, today.year());
  if (!birth.ok()) return birth.error();
  Enterprise e{d.id, kind, d.sex, *birth, d.nationality, d.status, d.province, d.cohort, 0};
  auto existing = store.find_enterprise(d.id);
  if (!existing.ok()) return existing.error();
  if (existing->has_value()) {
    return make_error(ErrorCode::kAlreadyExists, "ID",
                      "enterprise \"" + d.id + "\" already exists");
  }
  auto seq = writer.append(kKindEnterprise, to_payload(e));
  if (!seq.ok()) return seq.error();
  e.audit_seq = *seq;
  SEMILLA_TRY(store.insert_enterprise(e));
  if (!d.name.empty()) SEMILLA_TRY(store.set_enterprise_name(d.id, d.name));
  return e;
}

Result<Enterprise> Book::add_enterprise(const EnterpriseDraft& d) {
  auto writer = Writer::begin(*store_, actor_, officer());
  if (!writer.ok()) return writer.error();
  auto today_date = writer->today(info_.timezone);  // the record's day, as on replay
  if (!today_date.ok()) return today_date.error();
  auto e = add_enterprise_in(*writer, *today_date, d);
  if (!e.ok()) return e.error();
  SEMILLA_TRY(writer->commit());
  return e;
}

namespace {

// The enterprise with the attributes `d` gives (empty: unchanged), checked as `enterprise add`
// checks them.
Result<Enterprise> updated(const Enterprise& before, const EnterpriseDraft& d, Date today) {
  if (!d.kind.empty() && d.kind != before.kind) {
    SEMILLA_TRY(check_enterprise_kind(d.kind, "--kind"));
  }
  Enterprise e = before;
  if (!d.kind.empty()) e.kind = d.kind;
  const std::pair<const std::string&, std::string*> fields[] = {
      {d.sex, &e.sex}, {d.nationality, &e.nationality}, {d.status, &e.status},
      {d.province, &e.province}, {d.cohort, &e.cohort}};
  for (const auto& [given, field] : fields) {
    if (!given.empty()) *field = given;
  }
  SEMILLA_TRY(check_sex(e.sex, "--sex"));
  SEMILLA_TRY(check_migration_status(e.status, "--status"));
  SEMILLA_TRY(check_nationality(e.nationality, "--nationality"));
  SEMILLA_TRY(check_attribute(e.province, "--province"));
  SEMILLA_TRY(check_attribute(e.cohort, "--cohort"));
  if (!d.birth_year.empty()) {
    auto birth = parse_birth_year(d.birth_year, today.year());
    if (!birth.ok()) return birth.error();
    e.birth_year = *birth;
  }
  return e;
}

}  // namespace

Result<EnterpriseUpdate> Book::update_enterprise(const EnterpriseDraft& d) {
  SEMILLA_TRY(check_identifier(d.id, "ID", limits::kIdBytesMax));
  SEMILLA_TRY(check_text(d.name, "--name", limits::kNameBytesMax));
  auto today_date = today();
  if (!today_date.ok()) return today_date.error();
  auto writer = Writer::begin(*store_, actor_, officer());
  if (!writer.ok()) return writer.error();
  auto before = store_->find_enterprise(d.id);
  if (!before.ok()) return before.error();
  if (!before->has_value()) {
    return make_error(ErrorCode::kNotFound, "ID", "no enterprise \"" + d.id + "\"");
  }
  auto after = updated(**before, d, *today_date);
  if (!after.ok()) return after.error();
  auto defined = store_->list_status_names();
  if (!defined.ok()) return defined.error();
  SEMILLA_TRY(check_status_known(*defined, after->status, "--status"));
  EnterpriseUpdate out{*after, false, false};
  if (auto s = check_enterprise_update(**before, *after); !s.ok()) {
    if (s.error().code != ErrorCode::kAlreadyExists) {
      Error e = s.error();
      e.field = "--" + e.field;
      return e;
    }
    out.enterprise = **before;
  } else {
    auto seq = writer->append(kKindEnterpriseUpdate, to_payload(*after));
    if (!seq.ok()) return seq.error();
    out.enterprise.audit_seq = *seq;
    SEMILLA_TRY(store_->insert_enterprise_update(out.enterprise));
    out.recorded = true;
  }
  if (!d.name.empty()) {
    auto name = store_->enterprise_name(d.id);
    if (!name.ok()) return name.error();
    out.name_changed = name->value_or("") != d.name;
    if (out.name_changed) SEMILLA_TRY(store_->set_enterprise_name(d.id, d.name));
  }
  if (out.recorded || out.name_changed) SEMILLA_TRY(writer->commit());
  return out;
}

Result<bool> Book::forget_enterprise_name(const std::string& id) {
  SEMILLA_TRY(check_identifier(id, "ID", limits::kIdBytesMax));
  auto writer = Writer::begin(*store_, actor_, officer());
  if (!writer.ok()) return writer.error();
  auto e = store_->find_enterprise(id);
  if (!e.ok()) return e.error();
  if (!e->has_value()) {
    return make_error(ErrorCode::kNotFound, "ID", "no enterprise \"" + id + "\"");
  }
  auto name = store_->enterprise_name(id);
  if (!name.ok()) return name.error();
  if (!name->has_value()) return false;
  SEMILLA_TRY(store_->forget_enterprise_name(id));
  SEMILLA_TRY(writer->commit());
  return true;
}

Result<StatusDefineOutcome> Book::define_status(const std::string& name,
                                                const std::string& label) {
  auto writer = Writer::begin(*store_, actor_, officer());
  if (!writer.ok()) return writer.error();
  auto defined = store_->list_status_names();
  if (!defined.ok()) return defined.error();
  for (const auto& d : *defined) {
    if (d.name == name && d.label == label) return StatusDefineOutcome{d, true};
  }
  StatusName s{name, label, 0};
  if (auto checked = check_status_define(*defined, s); !checked.ok()) {
    Error e = checked.error();
    e.field = e.field == "name" ? "NAME" : "--" + e.field;
    return e;
  }
  auto seq = writer->append(kKindStatusDefine, to_payload(s));
  if (!seq.ok()) return seq.error();
  s.audit_seq = *seq;
  SEMILLA_TRY(store_->insert_status_name(s));
  SEMILLA_TRY(writer->commit());
  return StatusDefineOutcome{std::move(s), false};
}

Result<std::vector<StatusName>> Book::status_names() { return store_->list_status_names(); }

Result<std::vector<Account>> Book::accounts() { return store_->list_accounts(); }
Result<std::vector<Enterprise>> Book::enterprises() { return store_->list_enterprises(); }

}  // namespace semilla::book
