// SPDX-License-Identifier: Apache-2.0
// Every explicit limit of Semilla, with the reason for its value (SQLite's sqliteLimit.h).
// Each limit has a test at its boundary. Raising one is a format change: read its reason first.
#pragma once

#include <cstddef>
#include <cstdint>

namespace semilla::limits {

// Significant decimal digits of one amount, integer and fraction parts together. ISO 20022's
// ActiveCurrencyAndAmount allows totalDigits 18; it also keeps every amount, at every scale we
// know (at most 4), inside a signed 64-bit count of minor units (9.22e18), which is what the
// database stores.
inline constexpr int kAmountDigitsMax = 18;

// Postings in one transaction. Real entries have 2 to a few dozen (a repayment split over
// components); thousands mean a generator bug, and each record is hashed and kept in memory whole.
inline constexpr std::size_t kPostingsPerTransactionMax = 1000;

// Bytes of UTF-8 in free text that enters the audit chain: memos and reasons. The chain is
// forever, so it is no place for documents; attach those elsewhere and reference them.
inline constexpr std::size_t kMemoBytesMax = 1024;
inline constexpr std::size_t kReasonBytesMax = 1024;

// Account names: "Assets:Bank:Pichincha". Depth and length keep reports printable and
// prefix queries cheap.
inline constexpr std::size_t kAccountNameBytesMax = 200;
inline constexpr std::size_t kAccountDepthMax = 10;

// Identifiers chosen by users or partner systems: enterprise ids, external references
// (camt.053 AcctSvcrRef is Max35Text; 64 leaves room for prefixes such as "mfi-a/").
inline constexpr std::size_t kIdBytesMax = 64;

// Free-text attributes outside the chain (names) and inside it (province, cohort).
inline constexpr std::size_t kNameBytesMax = 200;
inline constexpr std::size_t kAttributeBytesMax = 64;
// A migration status a book defines ("displaced"): a short code that reports group by; its
// label (kNameBytesMax) says what it means.
inline constexpr std::size_t kStatusNameBytesMax = 32;

// Calendar range accepted for effective dates: earlier or later dates are typing mistakes.
inline constexpr int kYearMin = 1900;
inline constexpr int kYearMax = 2999;

// Bytes of one JSON document read whole (a statement; batches and book bundles are streamed):
// the parsed document takes about ten times its size in memory. Refused before reading, so a
// wrong file fails fast.
inline constexpr std::uintmax_t kImportDocumentBytesMax = std::uintmax_t{128} << 20;

// A batch is streamed (docs/exchange.md §2), so its size has no limit; one operation has:
// values (strings, numbers, members' values) in one streamed operation, and bytes in one line
// of JSON Lines. A transaction of 1000 postings (the schema's most) has about 5,000 values and
// 200 KB; the limits leave room for that and keep a hostile operation from taking the memory
// the streaming saves.
inline constexpr std::size_t kImportOperationValuesMax = 20'000;
inline constexpr std::size_t kImportLineBytesMax = std::size_t{4} << 20;

// Nesting depth of arrays and objects in an imported JSON document. Semilla's documents nest
// at most 5 deep; a deeper one is hostile or broken, and parsing it must not exhaust the stack.
inline constexpr std::size_t kImportJsonDepthMax = 32;

// Bytes of one string in an imported JSON document. The longest any schema allows is a memo
// (kMemoBytesMax); and the schema validator's regular expressions (std::regex) recurse once
// per character, so a string of a megabyte would overflow the stack. Checked before them.
inline constexpr std::size_t kImportStringBytesMax = 4096;

// Operations in one batch document: one progress line per thousand, and the whole batch's
// outcomes are held in memory until it commits.
inline constexpr std::size_t kBatchOperationsMax = 2'000'000;

// Month ends in `portfolio --history`: each one computes the whole portfolio again. Ten
// years of month ends is more than any trend a report shows, and keeps the command's time
// within a few dozen portfolios on a large book.
inline constexpr int kPortfolioHistoryMonthsMax = 120;

}  // namespace semilla::limits
