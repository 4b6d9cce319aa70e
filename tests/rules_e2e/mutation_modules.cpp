// SPDX-License-Identifier: Apache-2.0
// Rule breakers of the chart (book.init, accounts, enterprises, checkpoints), the loans and
// grants modules, and of the records' order.
#include <algorithm>

#include "audit/note_key.h"
#include "tests/rules_e2e/mutation_catalogue.h"

namespace semilla::rules_e2e {
namespace {

using Change = std::function<void(json& payload)>;

// The payload change `change` on the first record of `kind` matching `pred`, if any.
void on_first(Catalogue& c, std::string_view kind, const std::string& what, Expect e,
              const Change& change, const std::function<bool(const json&)>& pred = {}) {
  auto i = find_record(c.records(), kind, 0, pred);
  if (i) c.edit(*i, what, e, [change](json& r) { change(r["payload"]); });
}

// `member` of the first record of `kind` set to `value`.
void set_first(Catalogue& c, std::string_view kind, const std::string& member, json value,
               Expect e = Expect::kRefuse) {
  on_first(c, kind, "payload/" + member + " = " + value.dump(), e,
           [member, value](json& p) { at(p, member) = value; });
}

// The first record of `kind` written again at the end.
void again(Catalogue& c, std::string_view kind, const std::string& what, Expect e,
           const Change& change = {}, const std::function<bool(const json&)>& pred = {}) {
  auto i = find_record(c.records(), kind, 0, pred);
  if (!i) return;
  c.whole(std::string(kind), what, e, [i, change](Records& r) { append_again(r, *i, change); });
}

void add_cents(json& amount, std::int64_t delta) { amount = amount_text(cents(amount) + delta); }

bool loan_is(const json& p, const char* loan) { return p["loan"] == loan; }

// A new account.add appended with `change` applied to a valid one.
void new_account(Catalogue& c, const std::string& what, Expect e, const Change& change) {
  auto first = find_record(c.records(), "account.add");
  if (!first) return;
  c.whole("account.add", what, e, [first, change](Records& r) {
    json a = r[*first];
    a["payload"] = {{"id", next_id(r, "account.add")},
                    {"name", "Assets:Forged"},
                    {"type", "asset"},
                    {"currency", nullptr},
                    {"enterprise", nullptr}};
    change(a["payload"]);
    r.push_back(std::move(a));
  });
}

void account_rules(Catalogue& c) {
  new_account(c, "new valid account", Expect::kAccept, [](json&) {});
  new_account(c, "duplicate name", Expect::kRefuse, [](json& p) { p["name"] = "Assets:Bank"; });
  new_account(c, "asset named as income", Expect::kRefuse, [](json& p) { p["type"] = "income"; });
  new_account(c, "type Asset", Expect::kRefuse, [](json& p) { p["type"] = "Asset"; });
  new_account(c, "empty name part", Expect::kRefuse, [](json& p) { p["name"] = "Assets::Gap"; });
  new_account(c, "name with a trailing space", Expect::kRefuse,
              [](json& p) { p["name"] = "Assets:Forged "; });
  // `account add Stuff:Forged --type asset` is accepted (any root; its first account fixes its
  // type), so a record of it is one a command could write.
  new_account(c, "name outside the five roots", Expect::kAccept,
              [](json& p) { p["name"] = "Stuff:Forged"; });
  new_account(c, "currency usd", Expect::kRefuse, [](json& p) { p["currency"] = "usd"; });
  new_account(c, "currency XYZ", Expect::kRefuse, [](json& p) { p["currency"] = "XYZ"; });
  new_account(c, "enterprise that does not exist", Expect::kRefuse,
              [](json& p) { p["enterprise"] = "EC-404"; });
  new_account(c, "id skipping one", Expect::kRefuse,
              [](json& p) { p["id"] = p["id"].get<int>() + 1; });
}

void enterprise_rules(Catalogue& c) {
  again(c, "enterprise.add", "duplicate id", Expect::kRefuse);
  again(c, "enterprise.add", "new valid enterprise", Expect::kAccept,
        [](json& p) { p["id"] = "EC-099"; });
  again(c, "enterprise.add", "id with a space", Expect::kRefuse,
        [](json& p) { p["id"] = "EC 099"; });
  set_first(c, "enterprise.add", "kind", "company");
  set_first(c, "enterprise.add", "sex", "f");
  set_first(c, "enterprise.add", "birth_year", 99999);
  set_first(c, "enterprise.add", "birth_year", -1);
  set_first(c, "enterprise.add", "nationality", "ZZ");
  set_first(c, "enterprise.add", "nationality", "ve");
  set_first(c, "enterprise.add", "status", "tourist");
  set_first(c, "enterprise.add", "status", "Migrant");
  // A status defined later in the log (status.define, issue 12) is not known yet.
  if (find_record(c.records(), "status.define")) {
    set_first(c, "enterprise.add", "status", "displaced");
  }
  set_first(c, "enterprise.add", "province", "Imbabura", Expect::kAccept);
  // enterprise.update (issue 12): the full attributes of a known enterprise, its kind kept,
  // something changed.
  again(c, "enterprise.update", "update repeated (changes nothing)", Expect::kRefuse);
  again(c, "enterprise.update", "another valid update", Expect::kAccept,
        [](json& p) { p["cohort"] = "2026-C"; });
  set_first(c, "enterprise.update", "kind", "cooperative");
  set_first(c, "enterprise.update", "id", "EC-404");
  set_first(c, "enterprise.update", "status", "tourist");
  set_first(c, "enterprise.update", "birth_year", 2999);
  set_first(c, "enterprise.update", "sex", "F");
  on_first(c, "enterprise.update", "member name added", Expect::kRefuse,
           [](json& p) { p["name"] = "Rosa"; });
  on_first(c, "enterprise.update", "member cohort removed", Expect::kRefuse,
           [](json& p) { p.erase("cohort"); });
}

void checkpoint_rules(Catalogue& c) {
  auto i = find_record(c.records(), "checkpoint.sign");
  if (!i) return;
  c.before_sign(*i, "size one less, signed", Expect::kRefuse,
                [](json& p) { p["size"] = p["size"].get<std::uint64_t>() - 1; });
  c.before_sign(*i, "another root, signed", Expect::kRefuse,
                [](json& p) { p["root"] = std::string(64, 'a'); });
  c.before_sign(*i, "root in upper-case hex", Expect::kRefuse, [](json& p) {
    std::string root = p["root"];
    std::transform(root.begin(), root.end(), root.begin(), ::toupper);
    p["root"] = root;
  });
  c.before_sign(*i, "origin of another log", Expect::kRefuse,
                [](json& p) { p["origin"] = "other.example.org/audit"; });
  c.sealed(*i, "key of another signer", Expect::kRefuse, [](json& r) {
    auto other = audit::NoteSigner::generate("rules.example.org/audit");
    r["payload"]["key"] = other->verifier().to_string();
  });
  c.sealed(*i, "note of the previous size", Expect::kRefuse, [](json& r) {
    std::string note = r["payload"]["note"];
    const auto nl = note.find('\n');
    note.insert(nl + 1, "1");  // "12" for "2": a note the signature does not cover
    r["payload"]["note"] = note;
  });
}

void book_rules(Catalogue& c) {
  c.edit(0, "currency usd", Expect::kRefuse, [](json& r) { r["payload"]["currency"] = "usd"; });
  c.edit(0, "currency XYZ", Expect::kRefuse, [](json& r) { r["payload"]["currency"] = "XYZ"; });
  c.edit(0, "timezone Mars/Base", Expect::kRefuse,
         [](json& r) { r["payload"]["timezone"] = "Mars/Base"; });
  c.edit(0, "name changed", Expect::kAccept, [](json& r) { r["payload"]["name"] = "Other"; });
  c.whole("book.init", "second book.init", Expect::kRefuse, [](Records& r) { r.push_back(r[0]); });
}

}  // namespace

void chart_rules(Catalogue& c) {
  book_rules(c);
  account_rules(c);
  enterprise_rules(c);
  checkpoint_rules(c);
}

namespace {

// Moves `delta` cents more through repayment record i: its amount, its principal line, and
// its transaction's cash and receivable postings, so that everything adds up but the loan.
void overpay(Records& r, std::size_t i, std::int64_t delta) {
  json& p = r[i]["payload"];
  add_cents(p["amount"], delta);
  for (json& line : p["lines"]) {
    if (line["component"] == "principal") add_cents(line["amount"], delta);
  }
  for (json& posting : r[i - 1]["payload"]["postings"]) {
    const bool loan = posting["account"].get<std::string>().rfind("Assets:Loans:", 0) == 0;
    if (loan || posting["account"] == "Assets:Bank")
      add_cents(posting["amount"], loan ? -delta : delta);
  }
}

void loan_record_rules(Catalogue& c) {
  again(c, "loan.product", "product added twice", Expect::kRefuse);
  set_first(c, "loan.product", "currency", "XYZ");
  set_first(c, "loan.open", "principal", "999.00");
  set_first(c, "loan.open", "currency", "PEN");
  set_first(c, "loan.open", "receivable_account", "Assets:Loans:EC-001:L-9");
  set_first(c, "loan.open", "enterprise", "EC-002");
  again(c, "loan.open", "loan opened twice", Expect::kRefuse, {},
        [](const json& p) { return loan_is(p, "L-3"); });
  set_first(c, "loan.disburse", "principal", "999.00");
  set_first(c, "loan.disburse", "fee", "0.00");
  set_first(c, "loan.disburse", "net", "1000.00");
  on_first(c, "loan.disburse", "instalment 1 principal +0.01", Expect::kRefuse,
           [](json& p) { add_cents(p["installments"][0]["principal"], 1); });
  on_first(c, "loan.disburse", "instalment 1 due a day later", Expect::kRefuse, [](json& p) {
    std::string d = p["installments"][0]["due_date"];
    d[9] = d[9] == '9' ? '8' : static_cast<char>(d[9] + 1);
    p["installments"][0]["due_date"] = d;
  });
  on_first(c, "loan.disburse", "last instalment dropped", Expect::kRefuse,
           [](json& p) { p["installments"].erase(p["installments"].size() - 1); });
  again(c, "loan.disburse", "disbursed twice", Expect::kRefuse);
}

void loan_payment_rules(Catalogue& c) {
  on_first(c, "loan.repay", "amount +0.01 alone", Expect::kRefuse,
           [](json& p) { add_cents(p["amount"], 1); });
  set_first(c, "loan.repay", "lines/0/component", "principle");
  set_first(c, "loan.repay", "lines/0/n", 99);
  on_first(c, "loan.repay", "lines in reverse order", Expect::kRefuse,
           [](json& p) { std::reverse(p["lines"].begin(), p["lines"].end()); });
  on_first(
      c, "loan.repay", "ref that its transaction lacks", Expect::kRefuse,
      [](json& p) { p["ref"] = "MFI/X"; }, [](const json& p) { return p["ref"].is_null(); });
  again(c, "loan.repay", "repaid again after the write-off", Expect::kRefuse, {},
        [](const json& p) { return loan_is(p, "L-2"); });
  again(c, "loan.repay", "the same allocation repaid twice", Expect::kRefuse);
  if (auto i = find_record(c.records(), "loan.repay", 0,
                           [](const json& p) { return loan_is(p, "L-1"); })) {
    c.whole("loan.repay", "repay more than owed (consistent postings)", Expect::kRefuse,
            [i](Records& r) { overpay(r, *i, 500000); });
  }
  set_first(c, "loan.reverse", "amount", "1.00");
  on_first(c, "loan.reverse", "repayment -> the disbursement's seq", Expect::kRefuse,
           [](json& p) { p["repayment"] = p["repayment"].get<int>() - 4; });
  again(c, "loan.reverse", "repayment reversed twice", Expect::kRefuse);
  on_first(c, "loan.write-off", "principal +0.01", Expect::kRefuse,
           [](json& p) { add_cents(p["principal"], 1); });
  on_first(c, "loan.write-off", "owed +0.01", Expect::kRefuse,
           [](json& p) { add_cents(p["owed"], 1); });
  set_first(c, "loan.write-off", "transaction", nullptr);
  again(c, "loan.write-off", "written off twice", Expect::kRefuse);
  on_first(c, "loan.recover", "amount +0.01 alone", Expect::kRefuse,
           [](json& p) { add_cents(p["amount"], 1); });
  set_first(c, "loan.recover", "loan", "L-1");
  // loan.cancel and loan.reverse-disbursement (issue 12).
  again(c, "loan.cancel", "cancelled twice", Expect::kRefuse);
  set_first(c, "loan.cancel", "loan", "L-1");
  set_first(c, "loan.cancel", "reason", "");
  set_first(c, "loan.cancel", "date", "2026-12-01");
  on_first(c, "loan.cancel", "with a transaction", Expect::kRefuse,
           [](json& p) { p["transaction"] = 1; });
  set_first(c, "loan.cancel", "reason", "opened twice", Expect::kAccept);
  again(c, "loan.reverse-disbursement", "reversed twice", Expect::kRefuse);
  set_first(c, "loan.reverse-disbursement", "reason", "not the reversal's");
  set_first(c, "loan.reverse-disbursement", "loan", "L-4");
  set_first(c, "loan.reverse-disbursement", "transaction", nullptr);
  set_first(c, "loan.reverse-disbursement", "date", "2026-06-05");
}

}  // namespace

void loan_rules(Catalogue& c) {
  loan_record_rules(c);
  loan_payment_rules(c);
}

namespace {

// Sets the amount of grant.return record i and of its transaction's postings to `amount`.
void return_amount(Records& r, std::size_t i, const std::string& amount) {
  r[i]["payload"]["amount"] = amount;
  for (json& posting : r[i - 1]["payload"]["postings"]) {
    posting["amount"] = cents(posting["amount"]) < 0 ? "-" + amount : amount;
  }
}

void fund_rules(Catalogue& c) {
  again(c, "fund.add", "fund added twice", Expect::kRefuse);
  set_first(c, "fund.add", "from", "2027-01-01");
  set_first(c, "fund.add", "currency", "PEN");
  on_first(c, "fund.add", "budget line twice", Expect::kRefuse,
           [](json& p) { p["budget"].push_back(p["budget"][0]); });
  on_first(c, "fund.receive", "amount +0.01 alone", Expect::kRefuse,
           [](json& p) { add_cents(p["amount"], 1); });
  again(c, "fund.receive", "received again under another ref", Expect::kAccept);
  set_first(c, "fund.spend", "category", "seed-capital-cash");
  set_first(c, "fund.spend", "category", "travel");
  on_first(c, "fund.spend", "amount +0.01 alone", Expect::kRefuse,
           [](json& p) { add_cents(p["amount"], 1); });
  set_first(c, "enterprise.members", "enterprise", "EC-001");
  set_first(c, "enterprise.members", "female", -1);
  set_first(c, "milestone.record", "milestone", "Plan");
  again(c, "milestone.record", "recorded again on another date", Expect::kRefuse,
        [](json& p) { p["date"] = "2026-05-02"; });
  again(c, "milestone.record", "new valid milestone", Expect::kAccept, [](json& p) {
    p["enterprise"] = "EC-003";
    p["milestone"] = "plan";
  });
  // Milestone names come from the programme's list (issue 12).
  set_first(c, "milestone.record", "milestone", "training");
  // status.define and members one by one (issue 12).
  again(c, "status.define", "status defined twice", Expect::kRefuse);
  again(c, "status.define", "another valid status", Expect::kAccept,
        [](json& p) { p["name"] = "deported-2024"; });
  set_first(c, "status.define", "name", "migrant");
  set_first(c, "status.define", "name", "Displaced");
  set_first(c, "status.define", "name", "displaced-");
  set_first(c, "status.define", "label", "");
  on_first(c, "status.define", "member note added", Expect::kRefuse,
           [](json& p) { p["note"] = "x"; });
  auto with_people = [](const json& p) { return p.contains("people"); };
  auto people = [&](const std::string& what, Expect e, const Change& change) {
    on_first(c, "enterprise.members", what, e, change, with_people);
  };
  people("person status tourist", Expect::kRefuse,
         [](json& p) { p["people"][0]["status"] = "tourist"; });
  people("person sex empty", Expect::kRefuse, [](json& p) { p["people"][0]["sex"] = ""; });
  people("person sex changed (counts disagree)", Expect::kRefuse,
         [](json& p) { p["people"][0]["sex"] = "other"; });
  people("people empty", Expect::kRefuse, [](json& p) { p["people"] = json::array(); });
  people("person born in 2999", Expect::kRefuse,
         [](json& p) { p["people"][0]["birth_year"] = 2999; });
  people("person nationality ZZ", Expect::kRefuse,
         [](json& p) { p["people"][0]["nationality"] = "ZZ"; });
  people("person with a name", Expect::kRefuse,
         [](json& p) { p["people"][0]["name"] = "Rosa"; });
  people("people removed (counts only)", Expect::kAccept, [](json& p) { p.erase("people"); });
  again(c, "milestone.define", "name defined twice", Expect::kRefuse);
  set_first(c, "milestone.define", "label", "");
  set_first(c, "milestone.define", "milestone", "Visit");
  on_first(c, "grant.award", "condition not a defined name", Expect::kRefuse,
           [](json& p) { p["tranches"][0]["conditions"][0] = "training"; });
  on_first(
      c, "milestone.record", "condition met after its disbursement", Expect::kRefuse,
      [](json& p) { p["date"] = "2026-04-05"; },
      [](const json& p) { return p["milestone"] == "visit"; });
}

void grant_event_rules(Catalogue& c) {
  on_first(c, "grant.award", "tranche 1 +0.01", Expect::kRefuse,
           [](json& p) { add_cents(p["tranches"][0]["amount"], 1); });
  on_first(c, "grant.award", "amount +0.01", Expect::kRefuse,
           [](json& p) { add_cents(p["amount"], 1); });
  set_first(c, "grant.award", "tranches", json::array());
  on_first(c, "grant.award", "25 tranches", Expect::kRefuse, [](json& p) {
    while (p["tranches"].size() < 25) p["tranches"].push_back(p["tranches"][0]);
  });
  set_first(c, "grant.award", "currency", "PEN");
  // What the fund can still commit (issue 12): a reason only beyond it, the member on every
  // award from the first that has it.
  set_first(c, "grant.award", "over_commit_reason", "pledged");
  set_first(c, "grant.award", "over_commit_reason", "");
  on_first(
      c, "grant.award", "over_commit_reason absent after an award had it", Expect::kRefuse,
      [](json& p) { p.erase("over_commit_reason"); },
      [](const json& p) { return p["grant"] == "G-2"; });
  set_first(c, "grant.award", "snapshot/sex", "male");
  again(c, "grant.award", "grant awarded twice", Expect::kRefuse);
  set_first(c, "grant.disburse", "tranche", 3);
  set_first(c, "grant.disburse", "tranche", 0);
  on_first(c, "grant.disburse", "amount +0.01", Expect::kRefuse,
           [](json& p) { add_cents(p["amount"], 1); });
  set_first(c, "grant.disburse", "date", "2026-01-24");
  set_first(c, "grant.disburse", "in_kind", true);
  again(c, "grant.disburse", "tranche disbursed twice", Expect::kRefuse);
  again(c, "grant.disburse", "tranche disbursed after the cancellation", Expect::kRefuse, {},
        [](const json& p) { return p["grant"] == "G-3"; });
  on_first(c, "grant.return", "amount +0.01 alone", Expect::kRefuse,
           [](json& p) { add_cents(p["amount"], 1); });
  if (auto i = find_record(c.records(), "grant.return")) {
    c.whole("grant.return", "return more than disbursed (consistent postings)", Expect::kRefuse,
            [i](Records& r) { return_amount(r, *i, "5000.00"); });
    c.whole("grant.return", "negative return (consistent postings)", Expect::kRefuse,
            [i](Records& r) { return_amount(r, *i, "-100.00"); });
  }
  again(c, "grant.cancel", "cancelled twice", Expect::kRefuse);
  // A tranche paid again after a return in full (issue 12): only with a reason, once.
  const auto paid_again = [](const json& p) { return p["reason"] != ""; };
  on_first(
      c, "grant.disburse", "paid again without a reason", Expect::kRefuse,
      [](json& p) { p["reason"] = ""; }, paid_again);
  again(c, "grant.disburse", "paid again twice", Expect::kRefuse, {}, paid_again);
  on_first(
      c, "grant.disburse", "paid again, amount +0.01", Expect::kRefuse,
      [](json& p) { add_cents(p["amount"], 1); }, paid_again);
  on_first(
      c, "grant.disburse", "reason on a first payment", Expect::kRefuse,
      [](json& p) { p["reason"] = "why not"; }, [](const json& p) { return p["reason"] == ""; });
}

void period_rules(Catalogue& c) {
  set_first(c, "period.close", "month", "2026-13");
  set_first(c, "period.close", "month", "2026-07");
  set_first(c, "period.close", "month", "2026-2");
  set_first(c, "period.close", "reason", "why");
  again(c, "period.close", "month closed twice", Expect::kRefuse, {},
        [](const json& p) { return p["month"] == "2026-03"; });
  set_first(c, "period.reopen", "month", "2026-05");
  set_first(c, "period.reopen", "reason", "", Expect::kEither);
}

}  // namespace

void grant_rules(Catalogue& c) {
  fund_rules(c);
  grant_event_rules(c);
  period_rules(c);
}

}  // namespace semilla::rules_e2e
