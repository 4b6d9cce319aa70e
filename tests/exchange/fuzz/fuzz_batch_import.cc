// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: arbitrary bytes through the batch importer (strict parse, schema, book
// rules) into an in-memory book. Whatever the input, the importer must return a value, never
// crash, hang or trip an invariant; a refused batch must leave the book as it was.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ledger/base/check.h"
#include "ledger/exchange/batch.h"
#include "ledger/exchange/document.h"

namespace {

semilla::book::Book& fuzz_book() {
  static auto store = [] {
    setenv("SEMILLA_NOW", "2026-06-30T15:00:00Z", 1);
    auto opened = semilla::store::open_sqlite_store(":memory:", true);
    SEMILLA_CHECK(opened.ok());
    return std::move(opened).value();
  }();
  static auto book = [] {
    auto b = semilla::book::Book::init(*store, {"USD", "fuzz", "UTC"}, "fuzz");
    SEMILLA_CHECK(b.ok());
    SEMILLA_CHECK(b->add_account({"Assets:Bank", "asset", "USD", ""}).ok());
    SEMILLA_CHECK(b->add_account({"Income:Fees", "income", "", ""}).ok());
    return std::move(b).value();
  }();
  return book;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto& book = fuzz_book();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto doc = semilla::exchange::parse_document(text, "FILE");
  if (!doc.ok()) return 0;
  auto before = book.store().audit_head();
  auto report = semilla::exchange::import_batch(book, *doc, {/*dry_run=*/true, {}});
  auto after = book.store().audit_head();
  // A dry run, accepted or refused, writes nothing.
  SEMILLA_CHECK(before.ok() && after.ok() && before->size == after->size);
  return 0;
}
