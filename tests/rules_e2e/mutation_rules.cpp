// SPDX-License-Identifier: Apache-2.0
// Rule breakers: each one a change no Semilla command could have made (or, marked kAccept,
// one it could), written against whatever records of that kind the bundle holds.
#include <algorithm>

#include "tests/rules_e2e/mutation_catalogue.h"

namespace semilla::rules_e2e {
namespace {

using Pred = std::function<bool(const json&)>;

std::optional<std::size_t> txn_by_id(const Records& r, std::int64_t id) {
  return find_record(r, "transaction.post", 0,
                     [id](const json& p) { return p["id"].get<std::int64_t>() == id; });
}

// A plain transaction: no reversal, no module record right after it.
bool is_plain(const Records& r, std::size_t i) {
  if (kind_of(r[i]) != "transaction.post" || !r[i]["payload"]["reverses"].is_null()) return false;
  return i + 1 == r.size() || !r[i + 1]["payload"].contains("transaction");
}

std::optional<std::size_t> plain_txn(const Records& r, std::size_t n, const Pred& pred = {}) {
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (is_plain(r, i) && (!pred || pred(r[i]["payload"])) && n-- == 0) return i;
  }
  return std::nullopt;
}

json mirrored(json postings) {
  for (json& p : postings) p["amount"] = amount_text(-cents(p["amount"]));
  return postings;
}

// A new transaction.post record appended after the others, copying record `like`'s envelope.
json new_txn(const Records& r, std::size_t like, json postings, const std::string& date) {
  json t = r[like];
  json& p = t["payload"];
  p["id"] = next_id(r, "transaction.post");
  p["date"] = date;
  p["memo"] = "forged";
  p["ref"] = nullptr;
  p["enterprise"] = nullptr;
  p["reverses"] = nullptr;
  p["reason"] = "";
  p["postings"] = std::move(postings);
  return t;
}

// Appends the reversal of transaction record `i` (the mirror of its postings).
void append_reversal(Records& r, std::size_t i) {
  json t = new_txn(r, i, mirrored(r[i]["payload"]["postings"]), "2026-06-29");
  t["payload"]["reverses"] = r[i]["payload"]["id"];
  t["payload"]["reason"] = "forged";
  t["payload"]["enterprise"] = r[i]["payload"]["enterprise"];
  r.push_back(std::move(t));
}

// The posting of account `id` and name from transaction record i, for building others.
json posting_on(const json& account_add, const std::string& amount, const std::string& cur) {
  const json& a = account_add["payload"];
  return {{"account", a["name"]}, {"account_id", a["id"]}, {"amount", amount}, {"currency", cur}};
}

std::optional<std::size_t> account_named(const Records& r, const std::string& prefix) {
  return find_record(r, "account.add", 0, [prefix](const json& p) {
    return p["name"].get<std::string>().rfind(prefix, 0) == 0;
  });
}

// A plain transaction moving 10.00 between the bank and the account named `prefix...`.
void owned_account_posts(Catalogue& c, const std::string& prefix, const std::string& what) {
  const Records& r = c.records();
  auto bank = account_named(r, "Assets:Bank");
  auto owned = account_named(r, prefix);
  auto like = plain_txn(r, 0);
  if (!bank || !owned || !like) return;
  for (const bool debit_owned : {true, false}) {
    const std::string side = debit_owned ? "debit" : "credit";
    c.whole("transaction.post", "plain post " + side + "s " + what, Expect::kRefuse,
            [=](Records& rs) {
              json postings = {posting_on(rs[*owned], debit_owned ? "10.00" : "-10.00", "USD"),
                               posting_on(rs[*bank], debit_owned ? "-10.00" : "10.00", "USD")};
              rs.push_back(new_txn(rs, *like, postings, "2026-06-29"));
            });
  }
}

void balance_rules(Catalogue& c, std::size_t t) {
  c.edit(t, "unbalanced by 0.01", Expect::kRefuse, [](json& r) {
    json& a = r["payload"]["postings"][0]["amount"];
    a = amount_text(cents(a) + 1);
  });
  c.edit(t, "one posting only", Expect::kRefuse,
         [](json& r) { r["payload"]["postings"].erase(1); });
  c.edit(t, "no postings", Expect::kRefuse,
         [](json& r) { r["payload"]["postings"] = json::array(); });
  c.edit(t, "zero amounts", Expect::kRefuse, [](json& r) {
    for (json& p : r["payload"]["postings"]) p["amount"] = "0.00";
  });
  c.edit(t, "debits and credits swapped", Expect::kAccept,
         [](json& r) { r["payload"]["postings"] = mirrored(r["payload"]["postings"]); });
  c.edit(t, "memo changed", Expect::kAccept, [](json& r) { r["payload"]["memo"] = "changed"; });
  c.edit(t, "in PEN on USD accounts", Expect::kRefuse, [](json& r) {
    for (json& p : r["payload"]["postings"]) p["currency"] = "PEN";
  });
  c.edit(t, "posting currency in lower case", Expect::kRefuse, [](json& r) {
    for (json& p : r["payload"]["postings"]) p["currency"] = "usd";
  });
  c.edit(t, "date after its record time", Expect::kRefuse,
         [](json& r) { r["payload"]["date"] = "2026-07-15"; });
  c.edit(t, "record time before its date", Expect::kRefuse,
         [](json& r) { r["time"] = "2025-12-31T12:00:00.000Z"; });
  c.edit(t, "id one too high", Expect::kRefuse,
         [](json& r) { r["payload"]["id"] = r["payload"]["id"].get<std::int64_t>() + 1; });
  c.edit(t, "reason without reverses", Expect::kRefuse,
         [](json& r) { r["payload"]["reason"] = "no reversal"; });
  c.edit(t, "ref empty", Expect::kRefuse, [](json& r) { r["payload"]["ref"] = ""; });
  c.edit(t, "ref with a space", Expect::kRefuse, [](json& r) { r["payload"]["ref"] = "IN V 1"; });
  c.edit(t, "account_id of another account", Expect::kRefuse, [](json& r) {
    json& id = r["payload"]["postings"][0]["account_id"];
    id = id.get<std::int64_t>() == 1 ? 2 : 1;
  });
  c.edit(t, "account name of another account", Expect::kRefuse, [](json& r) {
    json& p = r["payload"]["postings"][0];
    p["account"] = p["account"] == "Assets:Bank" ? "Equity:Donor" : "Assets:Bank";
  });
}

void reference_rules(Catalogue& c) {
  const Records& r = c.records();
  auto first = plain_txn(r, 0, [](const json& p) { return !p["ref"].is_null(); });
  auto second = plain_txn(r, 1, [](const json& p) { return !p["ref"].is_null(); });
  if (first && second) {
    const json ref = r[*first]["payload"]["ref"];
    c.edit(*second, "ref of an earlier transaction", Expect::kRefuse,
           [ref](json& rec) { rec["payload"]["ref"] = ref; });
  }
  auto tagged = plain_txn(r, 0, [](const json& p) { return !p["enterprise"].is_null(); });
  if (tagged) {
    c.edit(*tagged, "enterprise tag dropped from an enterprise's account", Expect::kRefuse,
           [](json& rec) { rec["payload"]["enterprise"] = nullptr; });
    c.edit(*tagged, "enterprise tag of another enterprise", Expect::kRefuse,
           [](json& rec) { rec["payload"]["enterprise"] = "EC-002"; });
    c.edit(*tagged, "enterprise that does not exist", Expect::kRefuse,
           [](json& rec) { rec["payload"]["enterprise"] = "EC-404"; });
  }
  auto later =
      find_record(r, "account.add", 0, [](const json& p) { return !p["enterprise"].is_null(); });
  if (first && later && *later > *first) {
    const json account = r[*later]["payload"];
    c.edit(*first, "posting to an account created later", Expect::kRefuse, [account](json& rec) {
      json& p = rec["payload"]["postings"][0];
      p["account"] = account["name"];
      p["account_id"] = account["id"];
    });
  }
}

void reversal_rules(Catalogue& c) {
  const Records& r = c.records();
  auto rev =
      find_record(r, "transaction.post", 0, [](const json& p) { return !p["reverses"].is_null(); });
  if (!rev) return;
  const auto original = txn_by_id(r, r[*rev]["payload"]["reverses"].get<std::int64_t>());
  c.whole("transaction.post", "reverse a reversal", Expect::kRefuse,
          [rev](Records& rs) { append_reversal(rs, *rev); });
  c.whole("transaction.post", "reverse a transaction twice", Expect::kRefuse,
          [original](Records& rs) { append_reversal(rs, *original); });
  c.edit(*rev, "reversal not the mirror", Expect::kRefuse,
         [](json& rec) { rec["payload"]["postings"] = mirrored(rec["payload"]["postings"]); });
  c.edit(*rev, "reversal dated before the original", Expect::kRefuse,
         [](json& rec) { rec["payload"]["date"] = "2026-01-01"; });
  c.edit(*rev, "reverses a transaction that does not exist", Expect::kRefuse,
         [](json& rec) { rec["payload"]["reverses"] = 9999; });
  c.edit(*rev, "reverses itself", Expect::kRefuse,
         [](json& rec) { rec["payload"]["reverses"] = rec["payload"]["id"]; });
  c.edit(*rev, "reverses a later transaction", Expect::kRefuse,
         [](json& rec) { rec["payload"]["reverses"] = rec["payload"]["id"].get<int>() + 1; });
  c.edit(*rev, "reversal without reason", Expect::kEither,
         [](json& rec) { rec["payload"]["reason"] = ""; });
}

// Module transactions reversed by a plain `reverse`, which only the module may undo.
void module_reversal_rules(Catalogue& c) {
  const Records& r = c.records();
  for (const char* kind : {"loan.repay", "loan.disburse", "grant.disburse", "fund.receive",
                           "fund.spend", "grant.return", "loan.recover"}) {
    auto m = find_record(r, kind);
    if (!m || *m == 0) continue;
    const std::size_t t = *m - 1;
    c.whole("transaction.post", std::string("plain reversal of a ") + kind, Expect::kRefuse,
            [t](Records& rs) { append_reversal(rs, t); });
  }
}

}  // namespace

void journal_rules(Catalogue& c) {
  const Records& r = c.records();
  if (auto t = plain_txn(r, 1)) balance_rules(c, *t);
  reference_rules(c);
  reversal_rules(c);
}

void module_journal_rules(Catalogue& c) {
  module_reversal_rules(c);
  owned_account_posts(c, "Assets:Loans:", "a loan receivable");
  owned_account_posts(c, "Assets:Funds:", "a fund account");
  owned_account_posts(c, "Equity:Funds:", "a fund's equity");
  owned_account_posts(c, "Expenses:Grants:", "a grant expense");
}

}  // namespace semilla::rules_e2e

namespace semilla::rules_e2e {
namespace {

void swap(Catalogue& c, std::optional<std::size_t> i, std::optional<std::size_t> j, Expect e) {
  if (!i || !j || *i == *j) return;
  const Records& r = c.records();
  c.whole(kind_of(r[*i]),
          "swapped with " + kind_of(r[*j]) + "#" + std::to_string(*j) + " (#" + std::to_string(*i) +
              ")",
          e, [i, j](Records& rs) { std::swap(rs[*i], rs[*j]); });
}

void drop(Catalogue& c, std::optional<std::size_t> i, Expect e, const std::string& why = "") {
  if (!i) return;
  c.whole(kind_of(c.records()[*i]), "#" + std::to_string(*i) + " dropped" + why, e,
          [i](Records& rs) { rs.erase(rs.begin() + static_cast<std::ptrdiff_t>(*i)); });
}

std::optional<std::size_t> before(std::optional<std::size_t> i) {
  return i && *i > 0 ? std::optional(*i - 1) : std::nullopt;
}

std::optional<std::size_t> after(const Records& r, std::optional<std::size_t> i) {
  return i && *i + 1 < r.size() ? std::optional(*i + 1) : std::nullopt;
}

void closed_month_rules(Catalogue& c) {
  const Records& r = c.records();
  auto close =
      find_record(r, "period.close", 0, [](const json& p) { return p["month"] == "2026-03"; });
  auto bank = account_named(r, "Assets:Bank");
  auto expense = account_named(r, "Expenses:Training");
  auto like = plain_txn(r, 0);
  if (!close || !bank || !expense || !like) return;
  auto march_txn = [=](Records& rs) {
    rs.push_back(new_txn(
        rs, *like, {posting_on(rs[*expense], "5.00", "USD"), posting_on(rs[*bank], "-5.00", "USD")},
        "2026-03-15"));
  };
  c.whole("transaction.post", "dated in a closed month", Expect::kRefuse, march_txn);
  c.whole("period.reopen", "month reopened, then posted to", Expect::kAccept, [=](Records& rs) {
    json reopen = rs[*close];
    reopen["kind"] = "period.reopen";
    reopen["payload"]["reason"] = "late invoice";
    rs.push_back(std::move(reopen));
    march_txn(rs);
  });
  auto reopen = find_record(r, "period.reopen");
  swap(c, reopen, after(r, reopen), Expect::kRefuse);
}

}  // namespace

void order_rules(Catalogue& c) {
  const Records& r = c.records();
  closed_month_rules(c);
  swap(c, plain_txn(r, 0), plain_txn(r, 1), Expect::kRefuse);
  swap(c, find_record(r, "account.add", 0), find_record(r, "account.add", 1), Expect::kRefuse);
  swap(c, find_record(r, "milestone.record", 0), find_record(r, "milestone.record", 1),
       Expect::kAccept);
  for (const char* kind : {"loan.repay", "grant.disburse", "fund.receive"}) {
    auto m = find_record(r, kind);
    swap(c, m, before(m), Expect::kRefuse);
    drop(c, m, Expect::kRefuse, ", its transaction left alone");
    drop(c, before(m), Expect::kRefuse, ", the transaction of a " + std::string(kind));
  }
  drop(c, r.size() - 1, Expect::kAccept, ", the last record");
  drop(c, plain_txn(r, 1), Expect::kRefuse);
  drop(c, find_record(r, "account.add"), Expect::kRefuse);
  drop(c, find_record(r, "checkpoint.sign"), Expect::kAccept, ", a checkpoint");
  drop(c, find_record(r, "milestone.record"), Expect::kRefuse, ", a tranche's condition");
  drop(c, find_record(r, "loan.product"), Expect::kRefuse);
  drop(c, find_record(r, "enterprise.members"), Expect::kEither);
  if (auto t = plain_txn(r, 0)) {
    c.whole("transaction.post", "#" + std::to_string(*t) + " written twice", Expect::kRefuse,
            [t](Records& rs) { rs.push_back(rs[*t]); });
  }
}

}  // namespace semilla::rules_e2e
