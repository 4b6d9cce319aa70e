// SPDX-License-Identifier: Apache-2.0
// The catalogue: generic changes (every member of a representative record of each kind
// removed, retyped, misspelled, pointed at nothing; envelope fields bent) and the rule
// breakers of mutation_rules.cpp.
#include <algorithm>
#include <cctype>
#include <regex>
#include <set>

#include "tests/rules_e2e/mutation_catalogue.h"

namespace semilla::rules_e2e {
namespace {

const std::regex kAmount(R"(-?[0-9]+(\.[0-9]+)?)");
const std::regex kDate(R"([0-9]{4}-[0-9]{2}-[0-9]{2})");

bool is_amount(const json& v) {
  return v.is_string() && std::regex_match(v.get<std::string>(), kAmount);
}
bool is_date(const json& v) {
  return v.is_string() && std::regex_match(v.get<std::string>(), kDate);
}

// A value of another JSON type than `v`, never one a reader could take for it.
json retyped(const json& v) {
  if (v.is_string()) return 7;
  if (v.is_number()) return v.dump();
  if (v.is_null()) return true;
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_array()) return json::object();
  return json::array();
}

// Members that name another thing of the book.
bool is_reference(const std::string& member) {
  static const std::set<std::string> kRefs{
      "enterprise",         "reverses",   "loan",    "grant",     "fund",
      "transaction",        "account_id", "product", "repayment", "cash_account",
      "receivable_account", "account"};
  return kRefs.count(member) != 0;
}

json dangling(const json& v) {
  if (v.is_number()) return 9999;
  return "NOPE-404";
}

// "1500" for "1500.00", "1500.500" for "1500.50", "24.0" for "24": the same value, another
// spelling.
std::string respelled(const std::string& amount) {
  const auto dot = amount.find('.');
  if (dot == std::string::npos) return amount + ".0";
  if (amount.find_first_not_of('0', dot + 1) == std::string::npos) return amount.substr(0, dot);
  return amount + "0";
}

std::string negated(const std::string& amount) {
  return amount.front() == '-' ? amount.substr(1) : "-" + amount;
}

// Mutations of every member of the object at `path` of record i; `brief` (for objects inside
// the payload, such as loan terms or a grant's snapshot): one retype per member only.
void member_mutations(Catalogue& c, std::size_t i, const json& object, const std::string& path,
                      bool brief = false);

// `shape_seen`: another kind with the same member of the same type (grant.return after
// grant.disburse) already had it removed and retyped, so only its values are bent here.
void value_mutations(Catalogue& c, std::size_t i, const std::string& path,
                     const std::string& member, const json& v, bool shape_seen = false) {
  if (!shape_seen) {
    // A member that records written before issue 12 lack: removed from the first record of
    // its kind (these mutations' record), the log is one an earlier release wrote.
    const bool absent_before = path == "payload/over_commit_reason";
    c.edit(i, path + ": removed", absent_before ? Expect::kAccept : Expect::kRefuse,
           [path](json& p) { erase_at(p, path); });
    c.edit(i, path + ": " + std::string(v.type_name()) + " retyped", Expect::kRefuse,
           [path, v](json& p) { at(p, path) = retyped(v); });
  }
  if (is_reference(member) && !v.is_null()) {
    c.edit(i, path + ": points at nothing", Expect::kRefuse,
           [path, v](json& p) { at(p, path) = dangling(v); });
  }
  if (is_amount(v)) {
    const std::string a = v.get<std::string>();
    c.edit(i, path + ": \"" + respelled(a) + "\" for \"" + a + "\"", Expect::kRefuse,
           [path, a](json& p) { at(p, path) = respelled(a); });
    c.edit(i, path + ": \"" + negated(a) + "\" for \"" + a + "\"", Expect::kRefuse,
           [path, a](json& p) { at(p, path) = negated(a); });
  }
  if (is_date(v)) {
    const std::string d = v.get<std::string>();
    std::string loose = d.substr(0, 5) + std::to_string(std::stoi(d.substr(5, 2))) + "-" +
                        std::to_string(std::stoi(d.substr(8, 2)));
    if (loose == d) loose = d + "T00:00:00Z";
    c.edit(i, path + ": \"" + loose + "\" for \"" + d + "\"", Expect::kRefuse,
           [path, loose](json& p) { at(p, path) = loose; });
    c.edit(i, path + ": \"" + d.substr(0, 5) + "02-30\"", Expect::kRefuse,
           [path, d](json& p) { at(p, path) = d.substr(0, 5) + "02-30"; });
  }
  if (shape_seen) return;
  if (v.is_array() && !v.empty() && v[0].is_object()) {
    member_mutations(c, i, v[0], path + "/0");
  }
  if (v.is_object()) member_mutations(c, i, v, path, /*brief=*/true);
}

// The payload's members: each bent; removed and retyped unless `shapes` (member and type)
// shows another kind's record had that done already.
void payload_mutations(Catalogue& c, std::size_t i, std::set<std::string>& shapes) {
  const json& payload = c.records()[i]["payload"];
  c.edit(i, "payload: unknown member \"x_extra\"", Expect::kRefuse,
         [](json& r) { r["payload"]["x_extra"] = "x"; });
  for (const auto& [member, v] : payload.items()) {
    const bool seen = !shapes.insert(member + ":" + v.type_name()).second;
    value_mutations(c, i, "payload/" + member, member, v, seen);
  }
}

void member_mutations(Catalogue& c, std::size_t i, const json& object, const std::string& path,
                      bool brief) {
  c.edit(i, path + ": unknown member \"x_extra\"", Expect::kRefuse,
         [path](json& p) { at(p, path)["x_extra"] = "x"; });
  for (const auto& [member, v] : object.items()) {
    if (!brief) {
      value_mutations(c, i, path + "/" + member, member, v);
      continue;
    }
    const std::string at_path = path + "/" + member;
    c.edit(i, at_path + ": " + std::string(v.type_name()) + " retyped", Expect::kRefuse,
           [at_path, v](json& p) { at(p, at_path) = retyped(v); });
  }
}

// Each envelope change once, on the representative records in turn.
void envelope_mutations(Catalogue& c, const std::vector<std::size_t>& reps) {
  struct Change {
    std::string what;
    Expect expect;
    std::function<void(json&)> change;
  };
  const std::vector<Change> changes{
      {"time without milliseconds", Expect::kRefuse,
       [](json& r) { r["time"] = "2026-06-30T15:00:00Z"; }},
      {"time with offset +00:00", Expect::kRefuse,
       [](json& r) { r["time"] = "2026-06-30T15:00:00.000+00:00"; }},
      {"time with a space for T", Expect::kRefuse,
       [](json& r) { r["time"] = "2026-06-30 15:00:00.000Z"; }},
      {"time 2026-02-30", Expect::kRefuse, [](json& r) { r["time"] = "2026-02-30T15:00:00.000Z"; }},
      {"time lower-case z", Expect::kRefuse,
       [](json& r) { r["time"] = "2026-06-30T15:00:00.000z"; }},
      {"time not a time", Expect::kRefuse, [](json& r) { r["time"] = "yesterday"; }},
      {"kind unknown", Expect::kRefuse,
       [](json& r) { r["kind"] = r["kind"].get<std::string>() + ".v2"; }},
      {"kind upper-case", Expect::kRefuse,
       [](json& r) {
         std::string k = r["kind"];
         std::transform(k.begin(), k.end(), k.begin(),
                        [](unsigned char ch) { return std::toupper(ch); });
         r["kind"] = k;
       }},
      {"actor renamed", Expect::kAccept, [](json& r) { r["actor"] = "mallory"; }},
      {"v 2", Expect::kRefuse, [](json& r) { r["v"] = 2; }},
      {"extra envelope member", Expect::kRefuse, [](json& r) { r["x_extra"] = 1; }},
      {"payload not an object", Expect::kRefuse, [](json& r) { r["payload"] = json::array(); }},
  };
  for (std::size_t k = 0; k < changes.size() && !reps.empty(); ++k) {
    c.edit(reps[k % reps.size()], changes[k].what, changes[k].expect, changes[k].change);
  }
  // Sealed with the chain, then bent: only the record's own check can object.
  for (std::size_t k = 0; k < 2 && k < reps.size(); ++k) {
    const std::size_t i = reps[(k * 5 + 3) % reps.size()];
    c.sealed(i, "prev in upper-case hex", Expect::kRefuse, [](json& r) {
      std::string prev = r["prev"];
      std::transform(prev.begin(), prev.end(), prev.begin(),
                     [](unsigned char ch) { return std::toupper(ch); });
      r["prev"] = prev;
    });
    c.sealed(i, "seq one too far", Expect::kRefuse,
             [](json& r) { r["seq"] = r["seq"].get<std::uint64_t>() + 1; });
  }
}

}  // namespace

std::vector<Mutation> mutations_for(const std::vector<json>& records, Scope scope) {
  static const std::set<std::string> kJournalKinds{"book.init",        "account.add",
                                                   "enterprise.add",   "enterprise.update",
                                                   "transaction.post", "checkpoint.sign"};
  Catalogue c(records);
  std::vector<std::size_t> reps = representatives(records);
  std::erase_if(reps, [&](std::size_t i) {
    const std::string kind = kind_of(records[i]);
    const bool approval = kind == "policy.set" || kind.rfind("approval.", 0) == 0;
    if (scope == Scope::kApprovals) return !approval;
    if (scope == Scope::kOfficers) return kind.rfind("officer.", 0) != 0;
    return kind.rfind("officer.", 0) == 0 || approval ||
           (kJournalKinds.count(kind) != 0) != (scope == Scope::kJournal);
  });
  std::set<std::string> shapes;
  for (std::size_t i : reps) payload_mutations(c, i, shapes);
  envelope_mutations(c, reps);
  if (scope == Scope::kApprovals) {
    approval_rules(c);
    return c.take();
  }
  if (scope == Scope::kOfficers) {
    officer_rules(c);
    signature_rules(c);
    return c.take();
  }
  if (scope == Scope::kJournal) {
    journal_rules(c);
    chart_rules(c);
  } else {
    module_journal_rules(c);
    loan_rules(c);
    grant_rules(c);
  }
  order_rules(c);
  return c.take();
}

}  // namespace semilla::rules_e2e
