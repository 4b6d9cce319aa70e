// SPDX-License-Identifier: Apache-2.0
// A fresh book in a temporary directory with a fixed clock, for the exchange tests.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "ledger/book/book.h"

namespace semilla::exchange_test {

class BookTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("SEMILLA_NOW", "2026-06-30T15:00:00Z", 1);
    char tmpl[] = "/tmp/semilla-exchange-XXXXXX";
    dir_ = mkdtemp(tmpl);
    store_ = open(dir_ + "/book.db");
    auto b = book::Book::init(*store_, {"USD", "Semillas 2026", "America/Guayaquil"}, "test");
    ASSERT_TRUE(b.ok()) << b.error().to_string();
    book_ = std::make_unique<book::Book>(std::move(*b));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static std::unique_ptr<store::Store> open(const std::string& path) {
    auto s = store::open_sqlite_store(path, true);
    EXPECT_TRUE(s.ok());
    return std::move(*s);
  }

  // Number of audit records: unchanged means nothing was written.
  std::uint64_t log_size() { return store_->audit_head()->size; }

  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ + "/" + name, std::ios::binary) << text;
  }
  [[nodiscard]] std::string path(const std::string& name) const { return dir_ + "/" + name; }

  std::string dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<book::Book> book_;
};

inline nlohmann::json batch(nlohmann::json operations) {
  return {{"format", "semilla-batch"}, {"version", 1}, {"operations", std::move(operations)}};
}

inline nlohmann::json posting(const std::string& account, const char* side,
                              nlohmann::json amount) {
  return {{"account", account}, {"side", side}, {"amount", std::move(amount)}};
}

inline nlohmann::json txn(const std::string& id, const std::string& date, nlohmann::json amount,
                          const std::string& debit = "Assets:Bank",
                          const std::string& credit = "Equity:Donor") {
  return {{"type", "transaction"}, {"external_id", id}, {"date", date},
          {"postings", {posting(debit, "debit", amount), posting(credit, "credit", amount)}}};
}

// Enterprise EC-001, bank (USD only), donor equity, EC-001's loan account.
inline nlohmann::json setup_operations() {
  return nlohmann::json::parse(R"([
    {"type": "enterprise", "id": "EC-001", "name": "Panadería Rosa", "sex": "female",
     "birth_year": 1990, "nationality": "VE", "status": "migrant", "cohort": "2026-A"},
    {"type": "account", "name": "Assets:Bank", "account_type": "asset", "currency": "USD"},
    {"type": "account", "name": "Equity:Donor", "account_type": "equity"},
    {"type": "account", "name": "Assets:Receivable:EC-001", "account_type": "asset",
     "enterprise": "EC-001"}
  ])");
}

// The fields of `errors`, in order: what the batch tests compare.
inline std::vector<std::string> fields(const Errors& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

// Every error on its own line, for a failed assertion's message.
inline std::string all(const Errors& errors) {
  std::string out;
  for (const auto& e : errors) out += e.to_string() + "\n";
  return out;
}

}  // namespace semilla::exchange_test
