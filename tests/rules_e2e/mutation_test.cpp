// SPDX-License-Identifier: Apache-2.0
// Issue 10's mutation proof. Valid books are written through the CLI and exported; their
// records are then changed the way a dishonest key holder would (mutations.h) and sealed again
// (forge.h: canonical payloads, the chain, the tree, re-signed checkpoints), so that only the
// book's rules can object. For every forgery, `semilla audit verify --bundle` and `semilla
// book import` must give the same verdict: both exit 0, or both exit 3 naming the same record;
// never 4 (environment) and never 70 (internal error). A forgery that no command could have
// written must be refused, and one that a command could have written accepted.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string>

#include "tests/rules_e2e/books.h"
#include "tests/rules_e2e/forge.h"
#include "tests/rules_e2e/mutations.h"

namespace semilla::rules_e2e {
namespace {

struct Verdict {
  int code = -1;
  std::optional<std::uint64_t> seq;  // the first "record N" its message names
  std::string message;               // its first error line

  [[nodiscard]] std::string to_string() const {
    std::string s = "exit " + std::to_string(code);
    if (seq) s += " record " + std::to_string(*seq);
    if (!message.empty()) s += " (" + message + ")";
    return s;
  }
};

Verdict verdict_of(const e2e::RunResult& r) {
  static const std::regex kRecord(R"(record ([0-9]+))");
  Verdict v{r.exit_code, std::nullopt, ""};
  const std::string all = r.err + r.out;
  std::smatch m;
  if (std::regex_search(all, m, kRecord)) v.seq = std::stoull(m[1].str());
  if (r.exit_code != 0) {
    std::istringstream lines(r.err.empty() ? r.out : r.err);
    std::string line;
    while (std::getline(lines, line) &&
           (line.empty() || line.find("FAILED") != std::string::npos)) {
    }
    v.message = line.size() > 160 ? line.substr(0, 160) + "..." : line;
  }
  return v;
}

// Runs both judges on bundle files: the auditor's verify and the restoring import.
class Judges {
 public:
  Judges(const e2e::Cli& book, std::string vkey) : book_(book), vkey_(std::move(vkey)) {}

  [[nodiscard]] Verdict verify(const std::string& bundle) const {
    return verdict_of(book_.run({"audit", "verify", "--bundle", bundle, "--key", vkey_}));
  }
  [[nodiscard]] Verdict import(const std::string& bundle) const {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::filesystem::remove(scratch_.db() + suffix);
    }
    return verdict_of(scratch_.run({"book", "import", bundle}));
  }

 private:
  const e2e::Cli& book_;
  e2e::Cli scratch_;
  std::string vkey_;
};

bool agree(const Verdict& v, const Verdict& i) {
  if (v.code != i.code || v.code == 4 || v.code == 70) return false;
  return v.code == 0 || (v.code == 3 && v.seq && i.seq && *v.seq == *i.seq);
}

const char* expected_text(Expect e) {
  return e == Expect::kRefuse ? "refused" : e == Expect::kAccept ? "accepted" : "either";
}

struct Tally {
  std::map<std::string, int> per_kind;
  std::vector<std::string> disagreements, wrong_verdicts, broken;
};

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

void judge(const Mutation& m, const std::vector<json>& records, const BuiltBook& book,
           const audit::NoteSigner& signer, const SealHooks& base, const Judges& judges,
           const std::string& path, Tally& tally) {
  std::vector<json> forged = records;
  SealHooks hooks = base;
  std::string bundle;
  try {
    m.apply(forged, hooks);
    bundle = seal_bundle(std::move(forged), signer, hooks);
  } catch (const std::exception& e) {
    tally.broken.push_back(m.name + ": cannot forge: " + e.what());
    return;
  }
  if (bundle == book.bundle) {
    tally.broken.push_back(m.name + ": changes nothing");
    return;
  }
  ++tally.per_kind[m.kind];
  write_file(path, bundle);
  const Verdict v = judges.verify(path), i = judges.import(path);
  const std::string line = m.name + " | verify: " + v.to_string() + " | import: " + i.to_string();
  if (!agree(v, i)) tally.disagreements.push_back(line);
  const bool refused = v.code != 0 || i.code != 0;
  if ((m.expect == Expect::kRefuse && !(v.code == 3 && i.code == 3)) ||
      (m.expect == Expect::kAccept && refused)) {
    tally.wrong_verdicts.push_back("expected " + std::string(expected_text(m.expect)) + ": " +
                                   line);
  }
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += "  " + l + "\n";
  return out;
}

// Builds the book, checks the untouched bundle and its resealed copy, then every mutation.
void prove(const char* title, BuiltBook (*build)(const e2e::Cli&), Scope scope) {
  e2e::Cli cli;
  const BuiltBook book = build(cli);
  ASSERT_FALSE(book.bundle.empty());
  const audit::NoteSigner signer = read_signer(book);
  const std::vector<json> records = bundle_records(book.bundle);
  SealHooks base;  // with officers, the forger holds their keys: only the rules can object
  if (!book.officer_keys.empty()) base.sign_record = officer_signer(book);
  // The forge is exact: sealing the untouched records again gives the exported bytes.
  ASSERT_EQ(seal_bundle(records, signer, base), book.bundle)
      << title << ": the forge is not exact";
  const Judges judges(cli, book.vkey);
  const std::string path = cli.dir() + "/forged.bundle";
  write_file(path, book.bundle);
  const Verdict v = judges.verify(path), i = judges.import(path);
  ASSERT_EQ(v.code, 0) << title << " untouched bundle, verify: " << v.to_string();
  ASSERT_EQ(i.code, 0) << title << " untouched bundle, import: " << i.to_string();

  Tally tally;
  const std::vector<Mutation> mutations = mutations_for(records, scope);
  for (const Mutation& m : mutations) {
    judge(m, records, book, signer, base, judges, path, tally);
  }
  int total = 0;
  std::cout << title << ": " << records.size() << " records; mutations per record kind:\n";
  for (const auto& [kind, n] : tally.per_kind) {
    std::cout << "  " << kind << ": " << n << "\n";
    total += n;
  }
  std::cout << "  total: " << total << "\n";
  EXPECT_TRUE(tally.broken.empty()) << title << ": mutations the test could not apply:\n"
                                    << joined(tally.broken);
  EXPECT_TRUE(tally.disagreements.empty())
      << title << ": verify and import disagree on " << tally.disagreements.size() << " of "
      << total << " forgeries:\n"
      << joined(tally.disagreements);
  EXPECT_TRUE(tally.wrong_verdicts.empty())
      << title << ": " << tally.wrong_verdicts.size() << " of " << total
      << " forgeries got the wrong verdict:\n"
      << joined(tally.wrong_verdicts);
}

TEST(Mutation, JournalBundleForgeriesGetOneVerdict) {
  prove("journal", build_journal_book, Scope::kJournal);
}

TEST(Mutation, LoansBundleForgeriesGetOneVerdict) {
  prove("loans", build_loans_book, Scope::kModules);
}

TEST(Mutation, OfficersBundleForgeriesGetOneVerdict) {
  prove("officers", build_officers_book, Scope::kOfficers);
}

TEST(Mutation, ApprovalsBundleForgeriesGetOneVerdict) {
  prove("approvals", build_approvals_book, Scope::kApprovals);
}

TEST(Mutation, GrantsBundleForgeriesGetOneVerdict) {
  prove("grants", build_grants_book, Scope::kModules);
}

}  // namespace
}  // namespace semilla::rules_e2e
