// SPDX-License-Identifier: Apache-2.0
// A small seed-capital programme, generated from a few rules so that the test can compute
// every figure of the donor report from the same inputs it types into the CLI.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "tests/e2e/cli_runner.h"

namespace semilla::grants_e2e {

// A member registered one by one (enterprise members --member), or an owner.
struct Person {
  std::string sex;
  int born = 0;  // 0: unknown
  std::string nationality, status;
};

struct Enterprise {
  int i = 0;
  std::string id, kind, sex;
  int born = 0;  // 0: unknown
  std::string nationality, status, province, cohort;
  std::int64_t female = 0, male = 0, other = 0;  // members of a collective enterprise
  std::vector<Person> people;  // the cooperatives' members one by one (their counts above)
};

// A disbursement (positive) or return (negative) of money, as the CLI was told.
struct Movement {
  int enterprise = 0;  // index into enterprises
  std::string grant, date;
  std::int64_t amount_minor = 0;
  bool in_kind = false;
};

struct Programme {
  std::vector<Enterprise> enterprises;
  std::vector<Movement> movements;
  std::int64_t received_minor = 0, awarded_minor = 0, released_minor = 0;
};

inline constexpr int kEnterprises = 40;
inline constexpr const char* kFund = "BID-2026";

// The programme's enterprises and what will happen to them.
Programme make_programme();
// Runs it through the binary: enterprises, fund, milestones, grants, returns, a cancelled
// grant, March closed.
void run_programme(const e2e::Cli& cli, const Programme& p);

// "1234.50" from minor units.
std::string usd(std::int64_t minor);

// What the report must say for from..to (ISO dates, compared as text).
struct Group {
  std::int64_t enterprises = 0, grants = 0, female = 0, male = 0, other = 0, unknown = 0;
  std::int64_t amount_minor = 0;
};
struct Expected {
  std::int64_t opening = 0, cash = 0, in_kind = 0, returned = 0, closing = 0;
  Group total;
  std::map<std::string, std::map<std::string, Group>> by;  // dimension -> value -> figures
};
Expected expected_report(const Programme& p, const std::string& from, const std::string& to);

}  // namespace semilla::grants_e2e
