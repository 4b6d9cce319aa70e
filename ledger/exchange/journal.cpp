// SPDX-License-Identifier: Apache-2.0
#include "ledger/exchange/journal.h"

#include <string>
#include <string_view>

#include "ledger/base/lang.h"

namespace semilla::exchange {
namespace {

// In hledger and ledger-cli a posting's account ends at two spaces or a tab, ';' starts a
// comment, and (name) or [name] mark virtual postings that do not have to balance.
Status check_journal_name(std::string_view name) {
  const bool ambiguous = name.find("  ") != std::string_view::npos ||
                         name.find(';') != std::string_view::npos ||
                         name.front() == '(' || name.front() == '[' ||
                         name.back() == ')' || name.back() == ']';
  if (!ambiguous) return Status::Ok();
  return make_error(ErrorCode::kRefused, "account",
                    "\"" + std::string(name) + "\" cannot be written in a plain-text journal "
                    "(two spaces in a row, ';', or enclosed in () or []): rename it first");
}

// hledger's account types (its balancesheet and incomestatement reports read them).
const char* hledger_type(book::AccountType type) {
  switch (type) {
    case book::AccountType::kAsset:
      return "Asset";
    case book::AccountType::kLiability:
      return "Liability";
    case book::AccountType::kEquity:
      return "Equity";
    case book::AccountType::kIncome:
      return "Revenue";
    case book::AccountType::kExpense:
      return "Expense";
  }
  return "Asset";
}

// A memo as a transaction description: ';' would start a comment there.
std::string description(const std::string& memo) {
  std::string out = memo;
  for (char& c : out) {
    if (c == ';') c = ',';
  }
  return out;
}

void write_transaction(const book::Transaction& t, std::ostream& out) {
  out << t.date.to_string() << " * (" << t.id << ")";
  if (!t.memo.empty()) out << ' ' << description(t.memo);
  out << "  ; semilla:" << t.id;
  if (t.ref) out << ", ref:" << *t.ref;
  if (t.reverses) out << ", reverses:" << *t.reverses;
  if (t.enterprise) out << ", enterprise:" << *t.enterprise;
  out << '\n';
  for (const auto& p : t.postings) {
    const std::string amount = p.amount.to_string() + " " + std::string(p.amount.currency().code());
    const std::size_t width = p.account.size() + amount.size();
    // At least two spaces between account and amount, amounts right-aligned at column 60
    // when names allow.
    const std::size_t pad = width < 54 ? 56 - width : 2;
    out << "    " << p.account << std::string(pad, ' ') << amount << '\n';
  }
  out << '\n';
}

}  // namespace

Status export_journal(store::Store& store, std::ostream& out) {
  auto info = store.info();
  if (!info.ok()) return info.error();
  auto accounts = store.list_accounts();
  if (!accounts.ok()) return accounts.error();
  out << "; Semilla book";
  if (info->has_value() && !(*info)->name.empty()) out << " \"" << (*info)->name << "\"";
  out << ", exported as a plain-text journal (hledger, ledger-cli).\n"
      << "; Amounts are exact; each transaction's code is its Semilla id.\n\n";
  for (const auto& a : *accounts) {
    SEMILLA_TRY(check_journal_name(a.name));
    out << "account " << a.name << "  ; type:" << hledger_type(a.type) << '\n';
  }
  out << '\n';
  SEMILLA_TRY(store.for_each_transaction([&](const book::Transaction& t) -> Status {
    write_transaction(t, out);
    return Status::Ok();
  }));
  out.flush();
  if (!out) return make_error(ErrorCode::kEnvironment, "--out", tr("cannot write the journal"));
  return Status::Ok();
}

}  // namespace semilla::exchange
