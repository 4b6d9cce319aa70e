// SPDX-License-Identifier: Apache-2.0
// Generates the book of a national programme (issue 14) for the comparison benchmark
// (bench/compare.sh): ten years, 8 branches, one enterprise per 50 transactions, each with a
// savings account and a loan of 12 monthly repayments (interest first), one grant in two
// tranches per 10 enterprises paid from 4 donor funds, donor receipts, and savings deposits
// and withdrawals for the rest. Deterministic: the same N and seed give the same bytes.
//
//   programme_gen N DIR [--seed S] [--ops-per-file K] [--jsonl]
// writes into DIR:
//   setup.sh         the few commands batches cannot do (init, loan products, funds, the
//                    milestone name); sourced
//                    with $SEMILLA set to the command
//   batch-NN.json    the operations, K per file (a Semilla batch each, applied in order)
//   batch.jsonl      with --jsonl: every operation, one per line (JSON Lines)
//   book.ledger      the same transactions as a ledger-cli journal
//   counts.txt       what was generated
// The journal splits each repayment into interest and principal the way a declining-balance
// loan at 2% a month does; Semilla's schedule decides its own split (same shape, same size).
#include <algorithm>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

constexpr int kBranches = 8;
constexpr int kFunds = 4;
constexpr int kDays = 3652;          // 2016-07-01 .. 2026-06-29
constexpr int kLastLoanDay = 3250;   // a loan's 12 repayments end before the last day
constexpr int kRepayments = 12;

// splitmix64: the same numbers on every platform and standard library.
struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::int64_t below(std::int64_t n) {
    return static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(n));
  }
};

// Day `d` after 2016-07-01 as YYYY-MM-DD (civil-from-days, Howard Hinnant's algorithm).
std::string day_text(int d) {
  std::int64_t z = 16'983 + d + 719'468;  // 16983: days from 1970-01-01 to 2016-07-01
  const std::int64_t era = z / 146'097;
  const std::int64_t doe = z - era * 146'097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36'524 - doe / 146'096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t dd = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t mm = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t yy = yoe + era * 400 + (mm <= 2 ? 1 : 0);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(yy) % 10000,
                static_cast<int>(mm) % 100, static_cast<int>(dd) % 100);
  return buf;
}

std::string money(std::int64_t minor) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%" PRId64 ".%02" PRId64, minor / 100, minor % 100);
  return buf;
}

std::string ent(std::int64_t i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "EC-%06" PRId64, i);
  return buf;
}
std::string loan_id(std::int64_t i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "L-%06" PRId64, i);
  return buf;
}
std::string bank(std::int64_t branch) { return "Assets:Bank:BR" + std::to_string(branch + 1); }
std::string fund(std::int64_t f) { return "FUND-" + std::to_string(f + 1); }

enum class Kind : std::uint8_t {
  kLoan, kRepay, kReceipt, kAward, kTranche1, kMilestone, kTranche2, kSaving
};

struct Event {
  std::int32_t day;
  Kind kind;
  std::uint8_t n;      // repayment number, 1..12
  std::int64_t who;    // enterprise, grant, receipt or saving number
};

struct Shape {
  std::int64_t n = 0, enterprises = 0, grants = 0, receipts = 0, savings = 0;
  std::uint64_t seed = 14;
};

// Where every operation falls in time; sorted by day (stable: a loan before its repayments).
std::vector<Event> plan(const Shape& s) {
  std::vector<Event> ev;
  ev.reserve(static_cast<std::size_t>(s.n + s.enterprises + s.grants));
  for (std::int64_t e = 0; e < s.enterprises; ++e) {
    const int d = static_cast<int>(e * kLastLoanDay / s.enterprises);
    ev.push_back({d, Kind::kLoan, 0, e});
    for (int k = 1; k <= kRepayments; ++k) {
      ev.push_back({d + 30 * k, Kind::kRepay, static_cast<std::uint8_t>(k), e});
    }
  }
  // In rounds: every fund receives on the same day, the first round on the first day.
  const std::int64_t rounds = s.receipts / kFunds;
  for (std::int64_t r = 0; r < s.receipts; ++r) {
    ev.push_back({static_cast<int>(r / kFunds * (kDays - 1) / rounds), Kind::kReceipt, 0, r});
  }
  for (std::int64_t g = 0; g < s.grants; ++g) {
    const int d = 180 + static_cast<int>(g * (kLastLoanDay - 180) / s.grants);
    ev.push_back({d, Kind::kAward, 0, g});
    ev.push_back({d + 30, Kind::kTranche1, 0, g});
    ev.push_back({d + 60, Kind::kMilestone, 0, g});
    ev.push_back({d + 90, Kind::kTranche2, 0, g});
  }
  for (std::int64_t i = 0; i < s.savings; ++i) {
    ev.push_back({static_cast<int>(i * (kDays - 1) / s.savings), Kind::kSaving, 0, i});
  }
  std::stable_sort(ev.begin(), ev.end(),
                   [](const Event& a, const Event& b) { return a.day < b.day; });
  return ev;
}

struct Loan {
  std::int64_t principal = 0, outstanding = 0;
};

class Writer {
 public:
  Writer(const Shape& s, const std::string& dir, std::int64_t ops_per_file, bool jsonl)
      : s_(s), dir_(dir), per_file_(ops_per_file), rng_{s.seed},
        loans_(static_cast<std::size_t>(s.enterprises)) {
    journal_ = open(dir + "/book.ledger");
    if (jsonl) jsonl_ = open(dir + "/batch.jsonl");
  }
  ~Writer() {
    close_batch();
    std::fclose(journal_);
    if (jsonl_ != nullptr) std::fclose(jsonl_);
  }

  void header() {
    for (std::int64_t e = 0; e < s_.enterprises; ++e) enterprise(e);
  }

  void event(const Event& e) {
    switch (e.kind) {
      case Kind::kLoan: return loan(e);
      case Kind::kRepay: return repay(e);
      case Kind::kReceipt: return receipt(e);
      case Kind::kAward: return award(e);
      case Kind::kTranche1: return tranche(e, 1);
      case Kind::kMilestone: return milestone(e);
      case Kind::kTranche2: return tranche(e, 2);
      case Kind::kSaving: return saving(e);
    }
  }

  std::int64_t ops() const { return ops_; }

 private:
  static FILE* open(const std::string& path) {
    FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) {
      std::perror(path.c_str());
      std::exit(1);
    }
    return f;
  }

  void op(const std::string& json) {
    if (batch_ == nullptr || in_file_ == per_file_) {
      close_batch();
      char name[32];
      std::snprintf(name, sizeof name, "/batch-%02d.json", files_++);
      batch_ = open(dir_ + name);
      std::fputs("{\"format\":\"semilla-batch\",\"version\":1,\"operations\":[\n", batch_);
      in_file_ = 0;
    }
    std::fputs(in_file_ == 0 ? "" : ",\n", batch_);
    std::fputs(json.c_str(), batch_);
    if (jsonl_ != nullptr) {
      std::fputs(json.c_str(), jsonl_);
      std::fputc('\n', jsonl_);
    }
    ++in_file_;
    ++ops_;
  }

  void close_batch() {
    if (batch_ == nullptr) return;
    std::fputs("\n]}\n", batch_);
    std::fclose(batch_);
    batch_ = nullptr;
  }

  void entry(int day, const std::string& memo,
             const std::vector<std::pair<std::string, std::int64_t>>& legs) {
    std::fprintf(journal_, "%s * %s\n", day_text(day).c_str(), memo.c_str());
    for (const auto& [account, minor] : legs) {
      std::fprintf(journal_, "    %-44s %s%s USD\n", account.c_str(), minor < 0 ? "-" : "",
                   money(minor < 0 ? -minor : minor).c_str());
    }
    std::fputc('\n', journal_);
  }

  void enterprise(std::int64_t e) {
    static const char* kSex[] = {"female", "female", "male", "other"};
    static const char* kStatus[] = {"migrant", "refugee", "host", "returnee"};
    const std::string id = ent(e);
    op("{\"type\":\"enterprise\",\"id\":\"" + id + "\",\"name\":\"Enterprise " +
       std::to_string(e) + "\",\"sex\":\"" + kSex[rng_.below(4)] +
       "\",\"birth_year\":" + std::to_string(1960 + rng_.below(45)) +
       ",\"nationality\":\"VE\",\"status\":\"" + kStatus[rng_.below(4)] +
       "\",\"province\":\"P" + std::to_string(e % kBranches + 1) + "\",\"cohort\":\"" +
       std::to_string(2016 + e * 10 / s_.enterprises) + "\"}");
    op("{\"type\":\"account\",\"name\":\"Liabilities:Savings:" + id +
       "\",\"account_type\":\"liability\",\"currency\":\"USD\",\"enterprise\":\"" + id + "\"}");
  }

  void loan(const Event& e) {
    Loan& l = loans_[static_cast<std::size_t>(e.who)];
    l.principal = l.outstanding = (600 + 100 * rng_.below(19)) * 100;
    const std::string id = loan_id(e.who), date = day_text(e.day);
    op("{\"type\":\"loan_open\",\"loan\":\"" + id + "\",\"enterprise\":\"" + ent(e.who) +
       "\",\"product\":\"CREDI-BR" + std::to_string(e.who % kBranches + 1) +
       "\",\"principal\":\"" + money(l.principal) + "\",\"date\":\"" + date + "\"}");
    op("{\"type\":\"loan_disbursement\",\"loan\":\"" + id + "\",\"date\":\"" + date + "\"}");
    entry(e.day, "Loan " + id + " disbursed",
          {{"Assets:Loans:" + ent(e.who) + ":" + id, l.principal},
           {bank(e.who % kBranches), -l.principal}});
  }

  // 90% to 100% of a twelfth of the principal: never more than the loan owes.
  void repay(const Event& e) {
    Loan& l = loans_[static_cast<std::size_t>(e.who)];
    const std::int64_t amount = l.principal / 12 * (90 + rng_.below(11)) / 100;
    const std::int64_t interest = std::min(amount, (l.outstanding * 2 + 50) / 100);
    l.outstanding -= amount - interest;
    const std::string id = loan_id(e.who);
    const std::string ref = "rep/" + id + "/" + std::to_string(e.n);
    op("{\"type\":\"loan_repayment\",\"external_id\":\"" + ref + "\",\"loan\":\"" + id +
       "\",\"date\":\"" + day_text(e.day) + "\",\"amount\":\"" + money(amount) + "\"}");
    entry(e.day, "Repayment " + ref,
          {{bank(e.who % kBranches), amount},
           {"Assets:Loans:" + ent(e.who) + ":" + id, -(amount - interest)},
           {"Income:Loans:Interest", -interest}});
  }

  // Receipts bring twice what the grants pay, spread over the ten years.
  std::int64_t receipt_minor() const {
    return (s_.grants * 2 / s_.receipts + 1) * 100'000;
  }

  void receipt(const Event& e) {
    const std::string f = fund(e.who % kFunds), ref = "rcpt/" + std::to_string(e.who);
    const std::int64_t amount = receipt_minor();
    op("{\"type\":\"fund_receipt\",\"external_id\":\"" + ref + "\",\"fund\":\"" + f +
       "\",\"amount\":\"" + money(amount) + "\",\"date\":\"" + day_text(e.day) + "\"}");
    entry(e.day, "Receipt " + ref,
          {{"Assets:Funds:" + f, amount}, {"Equity:Funds:" + f + ":Received", -amount}});
  }

  std::int64_t grantee(std::int64_t g) const { return g * 10 % s_.enterprises; }
  std::string grant_id(std::int64_t g) const { return "GR-" + std::to_string(g); }

  void award(const Event& e) {
    const std::string f = fund(e.who % kFunds), id = grant_id(e.who);
    op("{\"type\":\"grant_award\",\"grant\":\"" + id + "\",\"enterprise\":\"" +
       ent(grantee(e.who)) + "\",\"fund\":\"" + f + "\",\"date\":\"" + day_text(e.day) +
       "\",\"tranches\":[{\"amount\":\"500.00\"},{\"amount\":\"500.00\",\"milestones\":"
       "[\"training\"]}]}");
    entry(e.day, "Grant " + id + " awarded",
          {{"Equity:Funds:" + f + ":CommitmentsOffset", 100'000},
           {"Equity:Funds:" + f + ":Commitments", -100'000}});
  }

  void tranche(const Event& e, int n) {
    const std::string f = fund(e.who % kFunds), id = grant_id(e.who);
    const std::string ref = "gd/" + id + "/" + std::to_string(n);
    op("{\"type\":\"grant_disbursement\",\"external_id\":\"" + ref + "\",\"grant\":\"" + id +
       "\",\"tranche\":" + std::to_string(n) + ",\"date\":\"" + day_text(e.day) + "\"}");
    entry(e.day, "Grant " + id + " tranche " + std::to_string(n),
          {{"Expenses:Grants:" + f + ":Cash", 50'000},
           {"Assets:Funds:" + f, -50'000},
           {"Equity:Funds:" + f + ":Commitments", 50'000},
           {"Equity:Funds:" + f + ":CommitmentsOffset", -50'000}});
  }

  void milestone(const Event& e) {
    op("{\"type\":\"milestone\",\"enterprise\":\"" + ent(grantee(e.who)) +
       "\",\"name\":\"training\",\"date\":\"" + day_text(e.day) + "\"}");
  }

  // Two deposits for each withdrawal, of 5.00 to 200.00.
  void saving(const Event& e) {
    const std::int64_t who = rng_.below(s_.enterprises);
    const bool deposit = rng_.below(3) != 0;
    const std::int64_t amount = (5 + rng_.below(196)) * 100 + rng_.below(100);
    const std::string ref = "sav/" + std::to_string(e.who), date = day_text(e.day);
    const std::string savings = "Liabilities:Savings:" + ent(who), cash = bank(who % kBranches);
    const std::string& debit = deposit ? cash : savings;
    const std::string& credit = deposit ? savings : cash;
    op("{\"type\":\"transaction\",\"external_id\":\"" + ref + "\",\"date\":\"" + date +
       "\",\"memo\":\"" + (deposit ? "Savings deposit" : "Savings withdrawal") +
       "\",\"enterprise\":\"" + ent(who) + "\",\"postings\":[{\"account\":\"" + debit +
       "\",\"side\":\"debit\",\"amount\":\"" + money(amount) + "\"},{\"account\":\"" + credit +
       "\",\"side\":\"credit\",\"amount\":\"" + money(amount) + "\"}]}");
    entry(e.day, std::string(deposit ? "Savings deposit " : "Savings withdrawal ") + ref,
          {{debit, amount}, {credit, -amount}});
  }

  const Shape& s_;
  std::string dir_;
  std::int64_t per_file_;
  Rng rng_;
  std::vector<Loan> loans_;
  FILE* journal_ = nullptr;
  FILE* jsonl_ = nullptr;
  FILE* batch_ = nullptr;
  std::int64_t in_file_ = 0, ops_ = 0;
  int files_ = 0;
};

void write_setup(const std::string& dir, const Shape& s) {
  FILE* f = std::fopen((dir + "/setup.sh").c_str(), "wb");
  if (f == nullptr) std::exit(1);
  std::fputs("# sourced by bench/compare.sh with $SEMILLA set\n"
             "$SEMILLA init --currency USD --name 'National programme' --timezone UTC\n", f);
  for (int b = 0; b < kBranches; ++b) {
    std::fprintf(f, "$SEMILLA account add %s --type asset --currency USD\n", bank(b).c_str());
  }
  for (int b = 0; b < kBranches; ++b) {
    std::fprintf(f, "$SEMILLA loan product add CREDI-BR%d --currency USD --rate 24 "
                    "--installments 12 --method declining --cash-account %s\n",
                 b + 1, bank(b).c_str());
  }
  for (int i = 0; i < kFunds; ++i) {
    std::fprintf(f, "$SEMILLA fund add %s --donor 'Donor %d' --currency USD --from 2016-01-01 "
                    "--to 2026-12-31 --budget seed-capital-cash=%s\n",
                 fund(i).c_str(), i + 1, money((s.grants / kFunds + 1) * 100'000).c_str());
  }
  // Milestone names come from the programme's list (issue 12).
  std::fputs("$SEMILLA milestone define training --label 'SIYB training completed'\n", f);
  std::fclose(f);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: programme_gen N DIR [--seed S] [--ops-per-file K] [--jsonl]\n");
    return 2;
  }
  Shape s;
  s.n = std::atoll(argv[1]);
  const std::string dir = argv[2];
  std::int64_t per_file = 400'000;
  bool jsonl = false;
  for (int i = 3; i < argc; ++i) {
    const bool more = i + 1 < argc;
    if (std::strcmp(argv[i], "--seed") == 0 && more) {
      s.seed = std::strtoull(argv[++i], nullptr, 10);
    } else if (std::strcmp(argv[i], "--ops-per-file") == 0 && more) {
      per_file = std::atoll(argv[++i]);
    } else if (std::strcmp(argv[i], "--jsonl") == 0) {
      jsonl = true;
    }
  }
  if (s.n < 1000) {
    std::fprintf(stderr, "programme_gen: N must be at least 1000\n");
    return 2;
  }
  s.enterprises = s.n / 50;
  s.grants = std::max<std::int64_t>(1, s.enterprises / 10);
  s.receipts = std::max<std::int64_t>(8, s.n / 2000) / kFunds * kFunds;
  s.savings = s.n - 13 * s.enterprises - 3 * s.grants - s.receipts;
  write_setup(dir, s);
  const auto events = plan(s);
  std::int64_t ops = 0;
  {
    Writer w(s, dir, per_file, jsonl);
    w.header();
    for (const auto& e : events) w.event(e);
    ops = w.ops();
  }
  FILE* c = std::fopen((dir + "/counts.txt").c_str(), "wb");
  std::fprintf(c, "transactions %" PRId64 "\noperations %" PRId64 "\nenterprises %" PRId64
                  "\naccounts %" PRId64 "\nloans %" PRId64 "\nrepayments %" PRId64
                  "\ngrants %" PRId64 "\nreceipts %" PRId64 "\nsavings %" PRId64 "\n",
               s.n, ops, s.enterprises, 2 * s.enterprises + kBranches, s.enterprises,
               12 * s.enterprises, s.grants, s.receipts, s.savings);
  std::fclose(c);
  return 0;
}
