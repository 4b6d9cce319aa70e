// SPDX-License-Identifier: Apache-2.0
// docs/audit-format.md §2 cannot drift from what Semilla writes: a book with every record
// kind, built through the real `semilla` binary, is exported as a bundle, and every record
// kind and payload member in it must be in the document's member table for its kind, with
// the JSON type the table gives. The reverse holds too: every kind and member the document
// lists appears in the bundle, unless the table marks the member "or absent".
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/audit_e2e/shell.h"

namespace semilla::audit_e2e {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// What the document says of one member of one kind.
struct Documented {
  std::set<std::string> types;  // "string", "integer", "boolean", "object", "array", "null"
  bool optional = false;        // "or absent"
  bool opaque = false;          // "object of any members": its members are not listed
};
// kind -> member path ("postings[].amount") -> its row.
using Spec = std::map<std::string, std::map<std::string, Documented>>;

std::vector<std::string> cells(const std::string& row) {
  std::vector<std::string> out;
  std::stringstream in(row.substr(1));  // after the leading '|'
  std::string cell;
  while (std::getline(in, cell, '|')) {
    const auto first = cell.find_first_not_of(' ');
    const auto last = cell.find_last_not_of(' ');
    out.push_back(first == std::string::npos ? "" : cell.substr(first, last - first + 1));
  }
  return out;
}

// "string or null", "array of objects", "integer or absent" -> the JSON types it allows.
Documented parse_type(const std::string& text) {
  Documented d;
  std::string rest = text;
  for (std::size_t at = 0; at != std::string::npos;) {
    const std::size_t next = rest.find(" or ", at);
    const std::string word = rest.substr(at, next == std::string::npos ? next : next - at);
    if (word == "absent") {
      d.optional = true;
    } else if (word == "object of any members") {
      d.types.insert("object");
      d.opaque = true;
    } else if (word.rfind("array", 0) == 0) {
      d.types.insert("array");
    } else {
      d.types.insert(word);
    }
    at = next == std::string::npos ? next : next + 4;
  }
  return d;
}

// The member tables of §2: every heading names the kinds its tables are about in backquotes
// (`loan.repay`); a table whose header starts "| member |" lists members of those kinds.
Spec read_spec(const fs::path& doc) {
  std::stringstream text(slurp(doc));
  const std::regex kind_re("`([a-z]+\\.[a-z-]+)`");
  Spec spec;
  std::vector<std::string> kinds;
  bool in_section = false, in_table = false;
  for (std::string line; std::getline(text, line);) {
    if (line.rfind("## ", 0) == 0) in_section = line.rfind("## 2. ", 0) == 0;
    if (!in_section) continue;
    if (line.rfind("#", 0) == 0) {
      kinds.clear();
      for (std::sregex_iterator it(line.begin(), line.end(), kind_re), end; it != end; ++it) {
        kinds.push_back((*it)[1]);
      }
      in_table = false;
      continue;
    }
    if (line.rfind("| member |", 0) == 0) {
      in_table = true;
      continue;
    }
    if (!in_table || line.rfind("|", 0) != 0) {
      in_table = false;
      continue;
    }
    const auto c = cells(line);
    if (c.size() < 2 || c[0].rfind("---", 0) == 0) continue;
    const std::string member = c[0].substr(1, c[0].size() - 2);  // without the backquotes
    for (const auto& k : kinds) spec[k][member] = parse_type(c[1]);
  }
  return spec;
}

std::string json_type(const json& v) {
  if (v.is_null()) return "null";
  if (v.is_boolean()) return "boolean";
  if (v.is_number_integer()) return "integer";
  if (v.is_string()) return "string";
  if (v.is_object()) return "object";
  if (v.is_array()) return "array";
  return "number";
}

// Every member path of `p` ("snapshot.members.female", "postings[].amount") with its values.
void flatten(const json& p, const std::string& prefix,
             std::map<std::string, std::vector<json>>& out) {
  for (const auto& [key, value] : p.items()) {
    const std::string path = prefix + key;
    out[path].push_back(value);
    if (value.is_object()) flatten(value, path + ".", out);
    if (value.is_array()) {
      for (const auto& element : value) {
        if (element.is_object()) flatten(element, path + "[].", out);
      }
    }
  }
}

class DocsFormatTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("semilla-docs-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    build_book();
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  // Runs `semilla ARGS` on the test's book with a fixed clock; the test fails on exit != 0.
  static std::string run(const std::string& args) {
    const std::string cli = "SEMILLA_NOW=2026-06-30T12:00:00Z SEMILLA_DB=" +
                            (dir_ / "book.db").string() + " " + kBinary + " --actor tester ";
    Outcome o = sh(cli + args);
    EXPECT_EQ(o.code, 0) << args << "\n" << o.output;
    return o.output;
  }

  // Every record kind, and every optional member: a collective enterprise (snapshot members),
  // terms with principal range, fee and step, a reversal, in-kind and overridden payments.
  static void build_book() {
    run("init --currency USD --name Docs --timezone America/Guayaquil");
    run("account add Assets:Bank --type asset --currency USD");
    run("account add Equity:Programme --type equity");
    run("account add Expenses:Office --type expense");
    run("enterprise add EC-001 --name Rosa --sex female --birth-year 1990 --nationality VE "
        "--status migrant --province Pichincha --cohort 2026-A");
    run("enterprise add EC-002 --name Manos --kind cooperative --province Imbabura");
    run("enterprise members EC-002 --female 3 --male 2 --other 1");
    run("status define displaced --label \"Internally displaced\"");
    run("enterprise members EC-002 --member female,1990,VE,displaced --member male "
        "--member other,,CO,refugee");
    run("enterprise update EC-001 --status refugee --birth-year 1991");
    run("post --date 2026-01-05 --memo Funds --ref BANK-1 "
        "--debit Assets:Bank=50000.00 --credit Equity:Programme=50000.00");
    run("post --date 2026-01-06 --memo Paper --enterprise EC-001 "
        "--debit Expenses:Office=10.00 --credit Assets:Bank=10.00");
    run("reverse 2 --date 2026-01-07 --reason Typed");
    run("loan product add P-FLAT --currency USD --rate 24 --installments 4 --method flat "
        "--principal-min 100 --principal-max 5000 --fee 10.00 --multiple-of 1 "
        "--cash-account Assets:Bank");
    run("loan open L-1 --enterprise EC-001 --product P-FLAT --principal 1000 --date 2026-01-10");
    run("loan disburse L-1 --date 2026-01-10");
    run("loan repay L-1 100.00 --date 2026-02-10 --ref MFI-1");
    const json repaid = json::parse(run("--json loan repay L-1 50.00 --date 2026-03-10"));
    run("loan reverse L-1 " + std::to_string(repaid.at("transaction").get<int>()) +
        " --date 2026-03-12 --reason Bounced");
    run("loan write-off L-1 --date 2026-05-10 --reason Closed");
    run("loan recover L-1 20.00 --date 2026-06-01 --ref REC-1");
    run("loan open L-2 --enterprise EC-001 --product P-FLAT --principal 500 --date 2026-06-02");
    run("loan cancel L-2 --date 2026-06-02 --reason Mistake");
    run("loan open L-3 --enterprise EC-001 --product P-FLAT --principal 500 --date 2026-06-03");
    run("loan disburse L-3 --date 2026-06-03");
    run("loan reverse-disbursement L-3 --date 2026-06-04 --reason Wrong");
    run("fund add BID --donor Lab --currency USD --from 2026-01-01 --to 2026-12-31 "
        "--budget seed-capital-cash=5000 --budget seed-capital-in-kind=2000 "
        "--budget training=1000");
    run("fund receive BID 6000.00 --date 2026-02-01 --ref SWIFT-1");
    run("fund spend BID training 100.00 --date 2026-02-02 --memo Course --ref INV-1");
    run("fund spend BID training 50.00 --date 2026-02-03 --memo Late --override-reason Agreed");
    run("milestone define plan-approved --label \"Business plan approved\"");
    run("milestone record EC-001 plan-approved --date 2026-02-04");
    run("grant award G-1 --enterprise EC-001 --fund BID --date 2026-02-05 "
        "--tranche 500.00:plan-approved --tranche 300.00");
    run("grant award G-2 --enterprise EC-002 --fund BID --date 2026-02-05 "
        "--tranche 400.00 --tranche 200.00");
    run("grant award G-3 --enterprise EC-002 --fund BID --date 2026-02-05 --tranche 9000.00 "
        "--over-commit --reason \"Second donor tranche announced\"");
    run("grant disburse G-1 --tranche 1 --date 2026-02-06 --ref TRF-1");
    run("grant disburse G-2 --tranche 1 --date 2026-02-06 --in-kind Oven --supplier Hornos");
    run("grant return G-1 20.00 --date 2026-02-07 --reason Unspent");
    run("grant return G-2 40.00 --date 2026-02-07 --reason Unspent");
    run("grant cancel G-1 --date 2026-02-08 --reason Moved");
    run("grant cancel G-2 --date 2026-02-08 --reason Closed");
    run("period close 2026-03");
    run("period reopen 2026-03 --reason Correction");
    // A partner's statement (here the book's own, signed): statement.import with positions.
    const std::string st = (dir_ / "st.json").string(), key = (dir_ / "st.key").string();
    run("keys generate docs.example.org/st --out " + key);
    const std::string vkey = run("keys verifier " + key);
    run("statement export EC-001 --to 2026-06-30 --issuer mfi --sign " + key + " --out " + st);
    for (const char* a : {"Assets:Mirror --type asset", "Assets:DueFrom --type asset",
                          "Expenses:Losses --type expense", "Income:Partner --type income"}) {
      run(std::string("account add ") + a);
    }
    run("statement import " + st + " --key " + vkey.substr(0, vkey.find('\n')) +
        " --account Assets:Mirror --counterpart Assets:DueFrom --write-off-account "
        "Expenses:Losses --interest-account Income:Partner --fee-account Income:Partner "
        "--penalty-account Income:Partner");
    // Officers (issue 11): from the first officer.add on, every record is signed.
    const std::string ana = (dir_ / "ana.key").string(), luis = (dir_ / "luis.key").string();
    run("keys generate ana --out " + ana);
    run("keys generate luis --out " + luis);
    const std::string ana_v = run("keys verifier " + ana), luis_v = run("keys verifier " + luis);
    const std::string as_ana = "--as ana --key " + ana + " ";
    run(as_ana + "officer add ana --role admin --role auditor --key '" +
        ana_v.substr(0, ana_v.find('\n')) + "'");
    run(as_ana + "officer add luis --role recorder --key '" +
        luis_v.substr(0, luis_v.find('\n')) + "'");
    run(as_ana + "officer roles luis --role approver --role recorder");
    run(as_ana + "officer revoke luis --reason Left");
    // Approvals (issue 11): a policy, a request approved (and so applied) and one rejected.
    const std::string rosa = (dir_ / "rosa.key").string();
    run("keys generate rosa --out " + rosa);
    const std::string rosa_v = run("keys verifier " + rosa), as_rosa = "--as rosa --key " + rosa;
    run(as_ana + "officer add rosa --role approver --key '" +
        rosa_v.substr(0, rosa_v.find('\n')) + "'");
    run(as_ana + "policy set period-reopen --approvers 1 --expires 7");
    for (const char* decision : {" approve ", " reject "}) {
      run(as_ana + "period close 2026-03");
      const json pending = json::parse(run("--json " + as_ana + "period reopen 2026-03 --reason Fix"));
      run(as_rosa + decision + std::to_string(pending.at("request").get<int>()) +
          (std::string(decision) == " reject " ? " --reason No" : ""));
    }
    // A request with an amount, under a policy with a threshold.
    run(as_ana + "officer roles ana --role admin --role auditor --role recorder");
    run(as_ana + "policy set fund-spend --above 10 USD --approvers 1");
    const json spend =
        json::parse(run("--json " + as_ana + "fund spend BID training 20.00 --date 2026-06-01 "
                        "--memo Books --override-reason Agreed"));
    run(as_rosa + " reject " + std::to_string(spend.at("request").get<int>()) + " --reason No");
    run("keys generate docs.example.org/audit --out " + (dir_ / "audit.key").string());
    run(as_ana + "audit checkpoint --key " + (dir_ / "audit.key").string());
    run("audit export --out " + (dir_ / "bundle.json").string());
  }

  static std::vector<json> records() {
    std::vector<json> out;
    const json bundle = json::parse(slurp(dir_ / "bundle.json"));
    for (const auto& r : bundle.at("records")) out.push_back(json::parse(r.get<std::string>()));
    return out;
  }

  static inline fs::path dir_;
};

TEST_F(DocsFormatTest, EveryMemberWrittenIsDocumentedWithItsType) {
  const Spec spec = read_spec(fs::path(SEMILLA_SOURCE_DIR) / "docs/audit-format.md");
  ASSERT_FALSE(spec.empty()) << "no member tables found in docs/audit-format.md §2";
  for (const json& r : records()) {
    const std::string kind = r.at("kind");
    auto k = spec.find(kind);
    ASSERT_NE(k, spec.end()) << "record kind " << kind << " has no member table in §2";
    std::map<std::string, std::vector<json>> members;
    flatten(r.at("payload"), "", members);
    for (const auto& [path, values] : members) {
      const auto dot = path.find('.');
      if (dot != std::string::npos) {  // inside a member whose members are not listed
        auto parent = k->second.find(path.substr(0, dot));
        if (parent != k->second.end() && parent->second.opaque) continue;
      }
      auto m = k->second.find(path);
      ASSERT_NE(m, k->second.end())
          << kind << ": member `" << path << "` is written but not in its §2 table";
      for (const json& v : values) {
        EXPECT_TRUE(m->second.types.contains(json_type(v)))
            << kind << ": member `" << path << "` is a " << json_type(v) << " (" << v.dump()
            << "), but §2 says it is one of its documented types";
      }
    }
  }
}

TEST_F(DocsFormatTest, EveryDocumentedMemberIsWritten) {
  const Spec spec = read_spec(fs::path(SEMILLA_SOURCE_DIR) / "docs/audit-format.md");
  std::map<std::string, std::map<std::string, std::vector<json>>> written;
  for (const json& r : records()) flatten(r.at("payload"), "", written[r.at("kind")]);
  for (const auto& [kind, members] : spec) {
    ASSERT_TRUE(written.contains(kind))
        << "§2 documents " << kind << ", but the test's book has no such record: add the "
        << "command that writes it to build_book(), or remove the kind from the document";
    for (const auto& [path, documented] : members) {
      if (documented.optional) continue;
      auto values = written[kind].find(path);
      if (values == written[kind].end()) {
        ADD_FAILURE() << kind << ": §2 documents member `" << path << "`, which no record "
                      << "has; mark it \"or absent\" if it is optional";
        continue;
      }
      for (const auto& type : documented.types) {
        if (type == "null") continue;  // a nullable member need not be null in the book
        bool seen = false;
        for (const json& v : values->second) seen = seen || json_type(v) == type;
        EXPECT_TRUE(seen) << kind << ": §2 says `" << path << "` may be of type " << type
                          << "; none is";
      }
    }
  }
}

}  // namespace
}  // namespace semilla::audit_e2e
