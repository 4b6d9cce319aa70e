// SPDX-License-Identifier: Apache-2.0
#include "tests/e2e/cli_runner.h"
#include "ledger/store/page_checksums.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace semilla::e2e {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void spit(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

namespace {

// fork + exec with stdout/stderr redirected to files: simple and free of pipe deadlocks.
// `append` appends to the files instead of truncating them.
int spawn(const std::vector<std::string>& argv, const std::vector<std::string>& env,
          const std::string& out_path, const std::string& err_path, bool append = false) {
  pid_t pid = fork();
  if (pid == 0) {
    const int mode = O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC);
    int out = open(out_path.c_str(), mode, 0600);
    int err = open(err_path.c_str(), mode, 0600);
    int in = open("/dev/null", O_RDONLY);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

Cli::Cli() {
  std::string templ = (std::filesystem::temp_directory_path() / "semilla-e2e-XXXXXX").string();
  dir_ = mkdtemp(templ.data());
}

Cli::~Cli() {
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::vector<std::string> Cli::environment() const {
  // English unless a test asks otherwise: the caller's locale must not change the messages.
  std::vector<std::string> all{"SEMILLA_NOW=" + now, "SEMILLA_DB=", "LC_ALL=", "LC_MESSAGES=",
                               "LANG=", "LANGUAGE="};
  all.insert(all.end(), env.begin(), env.end());
  return all;
}

RunResult Cli::run(const std::vector<std::string>& args) const {
  std::vector<std::string> argv{SEMILLA_BINARY_DIR "/cli/semilla", "--db", db()};
  argv.insert(argv.end(), args.begin(), args.end());
  RunResult r;
  const std::string out = dir_ + "/stdout", err = dir_ + "/stderr";
  r.exit_code = spawn(argv, environment(), out, err);
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

int Cli::run_quietly(const std::vector<std::string>& args, const std::string& err_path) const {
  std::vector<std::string> argv{SEMILLA_BINARY_DIR "/cli/semilla", "--db", db()};
  argv.insert(argv.end(), args.begin(), args.end());
  return spawn(argv, environment(), "/dev/null", err_path, true);
}

std::string Cli::ok(const std::vector<std::string>& args) const {
  RunResult r = run(args);
  EXPECT_EQ(r.exit_code, 0) << "semilla " << args.front() << " failed:\n" << r.err;
  return r.out;
}

void Cli::sql(const std::string& statements) const {
  const std::string out = dir_ + "/sql.out", err = dir_ + "/sql.err";
  int code = spawn({"sqlite3", db(), statements}, {}, out, err);
  ASSERT_EQ(code, 0) << "sqlite3 failed: " << slurp(err);
  // sqlite3 writes pages without their checksums: recompute them (page_checksums.h), so that
  // what is checked is the edit of the rows, not the pages. (A file that is no book has none.)
  if (slurp(db()).substr(20, 1) != std::string(1, store::kPageChecksumBytes)) return;
  const Status resealed = store::reseal_page_checksums(db());
  ASSERT_TRUE(resealed.ok()) << resealed.error().to_string();
}

void expect_verifies_and_imports(const Cli& cli) {
  cli.ok({"audit", "verify"});
  const std::string bundle = cli.dir() + "/verified.bundle";
  cli.ok({"book", "export", "--out", bundle});
  Cli other;
  other.now = cli.now;
  other.ok({"book", "import", bundle});
  other.ok({"audit", "verify"});
}

void run_example_parts(const Cli& cli, const std::vector<std::string>& parts) {
  std::string script = "set -euo pipefail; export SEMILLA=" SEMILLA_BINARY_DIR "/cli/semilla"
                       " SEMILLA_DB=" + cli.db() + " SEMILLA_NOW=" + cli.now +
                       "; here=" SEMILLA_SOURCE_DIR "/examples; out=" + cli.dir() + ";";
  for (const auto& part : parts) script += " source \"$here/parts/" + part + ".sh\";";
  const std::string log = cli.dir() + "/parts.log";
  const int status = std::system(("bash -c '" + script + "' >" + log + " 2>&1").c_str());
  ASSERT_EQ(status, 0) << slurp(log);
}

void copy_example_parts(const Cli& cli, const std::vector<std::string>& parts) {
  static std::map<std::vector<std::string>, const Cli*> built;
  const Cli*& programme = built[parts];
  if (programme == nullptr) {
    auto* p = new Cli;  // kept until the end: its files are copied by every test
    run_example_parts(*p, parts);
    programme = p;
  }
  copy_book(*programme, cli);
}

void copy_book(const Cli& from, const Cli& to) {
  for (const char* suffix : {"", "-wal"}) {
    const std::string file = from.db() + suffix;
    if (std::filesystem::exists(file)) {
      std::filesystem::copy_file(file, to.db() + suffix,
                                 std::filesystem::copy_options::overwrite_existing);
    }
  }
}

void make_sample_book(const Cli& cli) {
  cli.ok({"--actor", "ana", "init", "--currency", "USD", "--name", "Semillas 2026",
          "--timezone", "America/Guayaquil"});
  cli.ok({"account", "add", "Assets:Bank:Pichincha", "--type", "asset", "--currency", "USD"});
  cli.ok({"account", "add", "Assets:Cash:PEN", "--type", "asset", "--currency", "PEN"});
  cli.ok({"account", "add", "Equity:Donor:BID", "--type", "equity"});
  cli.ok({"account", "add", "Expenses:Seed", "--type", "expense"});
  cli.ok({"enterprise", "add", "EC-001", "--name", "Panadería Rosa", "--sex", "female",
          "--birth-year", "1990", "--nationality", "VE", "--status", "migrant",
          "--province", "Pichincha", "--cohort", "2026-A"});
  cli.ok({"enterprise", "add", "EC-002", "--kind", "cooperative", "--province", "Imbabura"});
  cli.ok({"account", "add", "Assets:Receivable:EC-001", "--type", "asset", "--enterprise", "EC-001"});
  cli.ok({"account", "add", "Assets:Receivable:EC-002", "--type", "asset", "--enterprise", "EC-002"});
}

}  // namespace semilla::e2e
