// SPDX-License-Identifier: Apache-2.0
#include "tests/rules_e2e/mutation_catalogue.h"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <stdexcept>

namespace semilla::rules_e2e {
namespace {

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    parts.push_back(
        path.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return parts;
}

json& step(json& v, const std::string& part) {
  if (v.is_array()) return v.at(std::stoul(part));
  return v[part];
}

}  // namespace

json& at(json& record, const std::string& path) {
  json* v = &record;
  for (const auto& part : split(path)) v = &step(*v, part);
  return *v;
}

void erase_at(json& record, const std::string& path) {
  const std::size_t slash = path.rfind('/');
  json& parent = slash == std::string::npos ? record : at(record, path.substr(0, slash));
  const std::string last = path.substr(slash + 1);
  if (parent.is_array()) {
    parent.erase(std::stoul(last));
  } else {
    parent.erase(last);
  }
}

std::string Catalogue::label(std::size_t i) const {
  return kind_of(records_[i]) + "#" + std::to_string(i);
}

void Catalogue::edit(std::size_t i, const std::string& what, Expect expect,
                     std::function<void(json&)> change) {
  // Sealing sets a checkpoint's members from the tree; a forgery changes them afterwards.
  if (kind_of(records_[i]) == "checkpoint.sign") return sealed(i, what, expect, change);
  out_.push_back({label(i) + " " + what, kind_of(records_[i]), expect,
                  [i, change](Records& r, SealHooks&) { change(r[i]); }});
}

void Catalogue::sealed(std::size_t i, const std::string& what, Expect expect,
                       std::function<void(json&)> change) {
  out_.push_back({label(i) + " " + what, kind_of(records_[i]), expect,
                  [i, change](Records&, SealHooks& hooks) {
                    hooks.before_hash = [i, change](std::uint64_t seq, json& record) {
                      if (seq == i) change(record);
                    };
                  }});
}

void Catalogue::before_sign(std::size_t i, const std::string& what, Expect expect,
                            std::function<void(json&)> change) {
  out_.push_back({label(i) + " " + what, kind_of(records_[i]), expect,
                  [i, change](Records&, SealHooks& hooks) {
                    hooks.before_sign = [i, change](std::uint64_t seq, json& payload) {
                      if (seq == i) change(payload);
                    };
                  }});
}

void Catalogue::whole(const std::string& kind, const std::string& what, Expect expect,
                      std::function<void(Records&)> change) {
  out_.push_back(
      {kind + " " + what, kind, expect, [change](Records& r, SealHooks&) { change(r); }});
}

std::string kind_of(const json& r) { return r.at("kind").get<std::string>(); }

std::optional<std::size_t> find_record(const Records& records, std::string_view kind, std::size_t n,
                                       const std::function<bool(const json&)>& pred) {
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (kind_of(records[i]) != kind || (pred && !pred(records[i]["payload"]))) continue;
    if (n-- == 0) return i;
  }
  return std::nullopt;
}

std::vector<std::size_t> representatives(const Records& records) {
  std::vector<std::size_t> reps;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (seen.insert(kind_of(records[i])).second) reps.push_back(i);
  }
  return reps;
}

std::int64_t next_id(const Records& records, std::string_view kind) {
  std::int64_t id = 0;
  for (const json& rec : records) {
    if (kind_of(rec) == kind) id = std::max(id, rec["payload"]["id"].get<std::int64_t>());
  }
  return id + 1;
}

void append_again(Records& records, std::size_t i, const std::function<void(json&)>& change) {
  json copy = records[i];
  json& p = copy["payload"];
  if (p.contains("transaction") && p["transaction"].is_number() && i > 0) {
    json txn = records[i - 1];
    const std::int64_t id = next_id(records, "transaction.post");
    txn["payload"]["id"] = id;
    if (!txn["payload"]["ref"].is_null()) txn["payload"]["ref"] = "AGAIN-" + std::to_string(id);
    if (p.contains("ref") && !p["ref"].is_null()) p["ref"] = txn["payload"]["ref"];
    p["transaction"] = id;
    records.push_back(std::move(txn));
  }
  if (change) change(p);
  records.push_back(std::move(copy));
}

std::int64_t cents(const json& amount) {
  const std::string a = amount.get<std::string>();
  const std::size_t dot = a.find('.');
  if (dot == std::string::npos || a.size() - dot != 3) {
    throw std::runtime_error("not an amount with two decimals: " + a);
  }
  const std::int64_t units = std::llabs(std::stoll(a.substr(0, dot)));
  const std::int64_t c = units * 100 + std::stoll(a.substr(dot + 1));
  return a.front() == '-' ? -c : c;
}

std::string amount_text(std::int64_t c) {
  const std::int64_t m = std::llabs(c);
  const std::string frac = std::to_string(m % 100);
  return (c < 0 ? "-" : "") + std::to_string(m / 100) + "." + (frac.size() == 1 ? "0" : "") + frac;
}

}  // namespace semilla::rules_e2e
