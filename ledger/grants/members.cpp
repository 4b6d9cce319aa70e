// SPDX-License-Identifier: Apache-2.0
// Members of collective enterprises (enterprise members): counts by sex, or people registered
// one by one with their own non-identifying attributes, which donor reports then count.
#include <charconv>
#include <span>

#include "ledger/book/fields.h"
#include "ledger/base/lang.h"
#include "ledger/book/rules.h"
#include "ledger/grants/grant_rules.h"
#include "ledger/grants/grants.h"
#include "ledger/grants/grants_internal.h"

namespace semilla::grants {
namespace {

Result<std::int64_t> parse_count(const std::string& text, const char* field) {
  if (text.empty()) return std::int64_t{0};
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < 0 || n > kMembersMax) {
    return make_error(ErrorCode::kInvalid, field,
                      "\"" + text + "\" is not a number of people from 0 to " +
                          std::to_string(kMembersMax));
  }
  return n;
}

// "female,1990,VE,migrant": SEX[,BIRTH-YEAR[,NATIONALITY[,STATUS]]], an empty part unknown
// (but the sex). Each problem is pushed naming "--member N"; a status must be built in or
// among `statuses` (the book's).
std::optional<store::MemberPerson> parse_person(const std::string& text, std::size_t n,
                                                int this_year,
                                                std::span<const book::StatusName> statuses,
                                                Errors& errors) {
  const std::string field = "--member " + std::to_string(n);
  auto problem = [&](const std::string& what) {
    errors.push_back(make_error(ErrorCode::kInvalid, field, "\"" + text + "\": " + what));
  };
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    parts.push_back(text.substr(start, comma == std::string::npos ? comma : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (parts.size() > 4) {
    problem("a member is SEX[,BIRTH-YEAR[,NATIONALITY[,STATUS]]] (female,1990,VE,migrant)");
    return std::nullopt;
  }
  parts.resize(4);
  store::MemberPerson p{parts[0], std::nullopt, parts[2], parts[3]};
  const std::size_t before = errors.size();
  if (p.sex.empty()) {
    problem("the sex comes first: female, male or other");
  } else if (auto s = book::check_sex(p.sex, field); !s.ok()) {
    problem("sex " + s.error().message);
  }
  if (!parts[1].empty()) {
    int year = 0;
    auto [end, ec] = std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), year);
    if (ec != std::errc() || end != parts[1].data() + parts[1].size() || parts[1].size() != 4) {
      problem("birth year \"" + parts[1] + "\" is not a four-digit year");
    } else if (auto s = book::check_birth_year(year, this_year, field); !s.ok()) {
      problem("birth year " + s.error().message);
    } else {
      p.birth_year = year;
    }
  }
  if (auto s = book::check_nationality(p.nationality, field); !s.ok()) {
    problem("nationality " + s.error().message);
  }
  if (auto s = book::check_migration_status(p.status, field); !s.ok()) {
    problem("status " + s.error().message);
  } else if (auto known = book::check_status_known(statuses, p.status, field); !known.ok()) {
    problem(known.error().message);
  }
  if (errors.size() != before) return std::nullopt;
  return p;
}

// The row the draft describes, or every problem in it.
Result<store::MembersRow, Errors> row_of(const MembersDraft& d, int this_year,
                                         std::span<const book::StatusName> statuses) {
  store::MembersRow m{0, d.enterprise, 0, 0, 0, {}};
  Errors errors;
  const bool counts = !d.female.empty() || !d.male.empty() || !d.other.empty();
  if (counts && !d.people.empty()) {
    errors.push_back(make_error(ErrorCode::kUsage, "--member",
                                tr("give the members one by one (--member) or their numbers by "
                                   "sex (--female, --male, --other), not both")));
  }
  using Count = std::pair<const std::string*, std::pair<const char*, std::int64_t*>>;
  for (const auto& [text, out] : {Count{&d.female, {"--female", &m.female}},
                                  Count{&d.male, {"--male", &m.male}},
                                  Count{&d.other, {"--other", &m.other}}}) {
    auto n = parse_count(*text, out.first);
    if (n.ok()) {
      *out.second = *n;
    } else {
      errors.push_back(n.error());
    }
  }
  for (std::size_t i = 0; i < d.people.size(); ++i) {
    auto p = parse_person(d.people[i], i + 1, this_year, statuses, errors);
    if (!p) continue;
    (p->sex == "female" ? m.female : p->sex == "male" ? m.male : m.other) += 1;
    m.people.push_back(std::move(*p));
  }
  if (static_cast<std::int64_t>(d.people.size()) > 3 * kMembersMax) {
    errors.push_back(make_error(ErrorCode::kLimitExceeded, "--member",
                                "at most " + std::to_string(kMembersMax) + " of each sex"));
  }
  if (errors.empty() && m.female + m.male + m.other == 0) {
    errors.push_back(make_error(ErrorCode::kInvalid, "--female",
                                tr("a collective enterprise has members: give --member or "
                                   "--female, --male, --other")));
  }
  if (!errors.empty()) return errors;
  return m;
}

// The row and every problem of the draft in `store`'s book: the members', then the
// enterprise's (unknown, individual), checked by the rule the replay runs.
Result<store::MembersRow, Errors> members_in(store::Store& store, const MembersDraft& d,
                                             int this_year) {
  auto statuses = store.list_status_names();
  if (!statuses.ok()) return Errors{statuses.error()};
  auto m = row_of(d, this_year, *statuses);
  auto e = store.find_enterprise(d.enterprise);
  if (!e.ok()) return Errors{e.error()};
  const book::Enterprise* enterprise = e->has_value() ? &**e : nullptr;
  if (!m.ok()) {
    Errors errors = m.error();
    if (Status s = check_collective(d.enterprise, enterprise); !s.ok()) {
      errors.push_back(s.error());
    }
    return errors;
  }
  if (Status s = check_members(*m, enterprise, *statuses, this_year); !s.ok()) {
    return Errors{s.error()};
  }
  return m;
}

}  // namespace

Errors members_problems(book::Book& book, const MembersDraft& d) {
  auto today = book.today();
  if (!today.ok()) return Errors{today.error()};
  auto m = members_in(book.store(), d, today->year());
  return m.ok() ? Errors{} : m.error();
}

Result<MembersOutcome> set_members(book::Book& book, const MembersDraft& d) {
  return in_transaction(book, [&](book::BookTransaction& tx) -> Result<MembersOutcome> {
    auto m = members_in(tx.store(), d, tx.today().year());
    if (!m.ok()) return m.error().front();
    auto latest = tx.store().grants().latest_members(m->enterprise);
    if (!latest.ok()) return latest.error();
    if (*latest) {
      store::MembersRow same = *m;
      same.audit_seq = (*latest)->audit_seq;
      if (same == **latest) return MembersOutcome{**latest, true};  // nothing changes
    }
    auto seq = tx.append_record(kKindMembers, to_payload(*m));
    if (!seq.ok()) return seq.error();
    m->audit_seq = *seq;
    SEMILLA_TRY(tx.store().grants().insert_members(*m));
    return MembersOutcome{std::move(*m), false};
  });
}

}  // namespace semilla::grants
