// SPDX-License-Identifier: Apache-2.0
// Calendar dates (proleptic Gregorian, no time of day) and the business clock.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "ledger/base/error.h"

namespace semilla {

// A valid calendar date between limits::kYearMin and kYearMax. Stored as days since
// 1970-01-01 so that comparison and day arithmetic are integer operations.
class Date {
 public:
  // Parses exactly "YYYY-MM-DD" (ISO 8601 calendar date, four-digit year). "2026-02-30",
  // "2026-2-3", " 2026-02-03" and out-of-range years are kInvalid errors naming `field`.
  [[nodiscard]] static Result<Date> parse(std::string_view text, std::string_view field = "date");

  // Precondition: the date exists and is in range (checked; a bug otherwise).
  [[nodiscard]] static Date from_ymd(int year, int month, int day);
  // Precondition: min().days_since_epoch() <= days_since_epoch <= max().days_since_epoch().
  [[nodiscard]] static Date from_days(std::int64_t days_since_epoch);
  [[nodiscard]] static bool is_valid_ymd(int year, int month, int day);
  // The first and last dates of the accepted range (kYearMin-01-01, kYearMax-12-31), so that
  // callers can check day arithmetic on user input before add_days/add_months would fail.
  [[nodiscard]] static Date min();
  [[nodiscard]] static Date max();
  // Precondition: 1 <= month <= 12.
  [[nodiscard]] static int days_in_month(int year, int month);

  [[nodiscard]] int year() const;
  [[nodiscard]] int month() const;
  [[nodiscard]] int day() const;
  [[nodiscard]] std::int64_t days_since_epoch() const { return days_; }
  // 1 = Monday ... 7 = Sunday (ISO 8601).
  [[nodiscard]] int iso_weekday() const;

  // Precondition for add_days and add_months: the result is within min()..max() (checked).
  [[nodiscard]] Date add_days(std::int64_t n) const;
  // Adds calendar months; a day past the end of the target month becomes its last day
  // (Jan 31 + 1 month = Feb 28 or 29), as Fineract and most loan systems do.
  [[nodiscard]] Date add_months(int n) const;
  // Last day of this date's month.
  [[nodiscard]] Date end_of_month() const;

  // "YYYY-MM-DD".
  [[nodiscard]] std::string to_string() const;

  friend auto operator<=>(const Date&, const Date&) = default;
  friend bool operator==(const Date&, const Date&) = default;

 private:
  explicit Date(std::int64_t days) : days_(days) {}
  std::int64_t days_ = 0;
};

// Days from `from` to `to` (negative when `to` is earlier).
[[nodiscard]] std::int64_t days_between(Date from, Date to);

// The clock. Production reads the system clock; SEMILLA_NOW (RFC 3339 UTC,
// "2026-03-01T12:00:00Z") fixes it so that examples and tests are reproducible.
struct Instant {
  std::int64_t unix_millis = 0;
  // "2026-03-01T12:00:00.000Z".
  [[nodiscard]] std::string to_rfc3339() const;
};
[[nodiscard]] Result<Instant> now();
[[nodiscard]] Result<Instant> parse_rfc3339_utc(std::string_view text);
// The exact inverse of Instant::to_rfc3339(): "YYYY-MM-DDTHH:MM:SS.mmmZ", 24 bytes, exactly
// three fraction digits, 'T' and 'Z' upper-case, a year in limits::kYearMin..kYearMax. The one
// spelling an audit record's `time` has: anything else ("...:00Z", "...:00.5Z", "+00:00") is
// kInvalid naming `field`. Allocates only for an error.
[[nodiscard]] Result<Instant> parse_rfc3339_millis_utc(std::string_view text,
                                                       std::string_view field = "time");

// True when `zone` names an IANA time zone present in the system's tz database.
[[nodiscard]] bool is_known_time_zone(std::string_view zone);
// True when `zone` has the shape of such a name (the letters, digits and _ - + / of tz names,
// no leading '/', no ".."), whether or not this machine's tz database has it: what a
// verifier can require of a book written on another machine.
[[nodiscard]] bool is_time_zone_name(std::string_view zone);

// The calendar date of `instant` in IANA time zone `zone` ("America/Guayaquil", "UTC").
[[nodiscard]] Result<Date> local_date(Instant instant, std::string_view zone);

}  // namespace semilla
