// SPDX-License-Identifier: Apache-2.0
// The calendar arithmetic is Howard Hinnant's days_from_civil / civil_from_days, done in 64-bit
// integers so that it is exact for any Instant, not only for dates in the accepted range.
//
// Time zones: GCC 12's libstdc++ has no std::chrono::tzdb, so local_date() asks the C library,
// which reads the zone from the TZ variable. TZ is process-wide, so it is switched and restored
// under a mutex; every read of the environment in this file takes the same mutex.
#include "ledger/base/date.h"

#include <time.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>

#include "ledger/base/check.h"
#include "ledger/base/lang.h"
#include "ledger/base/limits.h"

namespace semilla {
namespace {

constexpr std::int64_t kMillisPerDay = 86'400'000;

struct Civil {
  std::int64_t year;
  int month;
  int day;
};

constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);
}

constexpr std::int64_t days_from_civil(std::int64_t y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = floor_div(y, 400);
  const std::int64_t yoe = y - era * 400;                                    // [0, 399]
  const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            // [0, 146096]
  return era * 146097 + doe - 719468;
}

constexpr Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = floor_div(z, 146097);
  const std::int64_t doe = z - era * 146097;                                     // [0, 146096]
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);              // [0, 365]
  const std::int64_t mp = (5 * doy + 2) / 153;                                   // [0, 11]
  const auto day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const auto month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return Civil{yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

constexpr std::int64_t kMinDays = days_from_civil(limits::kYearMin, 1, 1);
constexpr std::int64_t kMaxDays = days_from_civil(limits::kYearMax, 12, 31);
static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(civil_from_days(-1).year == 1969 && civil_from_days(-1).day == 31);

constexpr bool is_leap(std::int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

constexpr std::array<const char*, 12> kMonthNames = {
    tr_noop("January"), tr_noop("February"), tr_noop("March"),     tr_noop("April"),
    tr_noop("May"),     tr_noop("June"),     tr_noop("July"),      tr_noop("August"),
    tr_noop("September"), tr_noop("October"), tr_noop("November"), tr_noop("December")};

std::mutex& environment_mutex() {
  static std::mutex mutex;
  return mutex;
}

// Shown in messages; long or binary input is cut rather than echoed whole.
std::string shown(std::string_view text) {
  constexpr std::size_t kShownBytesMax = 40;
  std::string out;
  for (const char c : text.substr(0, kShownBytesMax)) {
    out += (c >= 0x20 && c < 0x7f) ? c : '?';
  }
  return "\"" + out + (text.size() > kShownBytesMax ? "...\"" : "\"");
}

// The `count` ASCII digits at text[pos, pos+count) as a number, or nullopt.
std::optional<int> digits_at(std::string_view text, std::size_t pos, std::size_t count) {
  if (pos + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

std::string two_digits(std::int64_t v) { return (v < 10 ? "0" : "") + std::to_string(v); }

std::string year_text(std::int64_t y) {
  std::string digits = std::to_string(y < 0 ? -y : y);
  if (digits.size() < 4) digits.insert(0, 4 - digits.size(), '0');
  return (y < 0 ? "-" : "") + digits;
}

Error instant_error(std::string_view text, std::string_view field, const std::string& why) {
  return make_error(ErrorCode::kInvalid, std::string(field),
                    trf("{value} is not an RFC 3339 UTC time such as 2026-03-01T12:00:00Z: {why}",
                        {{"value", shown(text)}, {"why", why}}));
}

// Milliseconds of a fraction of a second: ".5" is 500, ".123456" is 123 (truncated: the clock
// only keeps milliseconds, and rounding up could carry into the next day).
std::optional<int> fraction_millis(std::string_view digits) {
  if (digits.empty() || digits.size() > 9) return std::nullopt;
  std::string padded(digits.substr(0, 3));
  padded.append(3 - padded.size(), '0');
  if (!digits_at(digits, 0, digits.size())) return std::nullopt;
  return digits_at(padded, 0, 3);
}

Result<Instant> parse_instant(std::string_view text, std::string_view field) {
  if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':') {
    return instant_error(text, field, "expected YYYY-MM-DDTHH:MM:SS");
  }
  Result<Date> date = Date::parse(text.substr(0, 10), field);
  if (!date.ok()) return date.error();
  const std::optional<int> h = digits_at(text, 11, 2);
  const std::optional<int> m = digits_at(text, 14, 2);
  const std::optional<int> s = digits_at(text, 17, 2);
  if (!h || !m || !s || *h > 23 || *m > 59 || *s > 59) {
    return instant_error(text, field, "the time of day must be 00:00:00 to 23:59:59");
  }
  if (text.back() != 'Z') {
    return instant_error(text, field, "it must end with 'Z' (UTC); offsets are not accepted");
  }
  std::optional<int> ms = 0;
  const std::string_view tail = text.substr(19, text.size() - 20);  // between seconds and 'Z'
  if (!tail.empty() && tail.front() != '.') {
    return instant_error(text, field, "unexpected " + shown(tail) + " after the seconds");
  }
  if (!tail.empty()) {
    ms = fraction_millis(tail.substr(1));
    if (!ms) return instant_error(text, field, "a fraction of a second is '.' and 1 to 9 digits");
  }
  const std::int64_t day_ms = std::int64_t{*h} * 3'600'000 + *m * 60'000 + *s * 1000 + *ms;
  return Instant{date->days_since_epoch() * kMillisPerDay + day_ms};
}

// "UTC" needs no tz database, so it works on a machine without tzdata (a minimal container).
bool is_builtin_utc(std::string_view zone) { return zone == "UTC" || zone == "Etc/UTC"; }

bool is_zone_name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         c == '/' || c == '_' || c == '-' || c == '+';
}

// The C library loads zones from TZDIR when it is set, so the existence check must look there too.
std::filesystem::path zoneinfo_dir() {
  const std::lock_guard<std::mutex> lock(environment_mutex());
  const char* dir = std::getenv("TZDIR");
  return (dir != nullptr && *dir != '\0') ? dir : "/usr/share/zoneinfo";
}

// Days since the epoch of the local calendar date at `instant` in `zone`, from the C library.
// Precondition: is_known_time_zone(zone); glibc silently falls back to UTC for unknown zones.
std::optional<std::int64_t> libc_local_days(Instant instant, std::string_view zone) {
  const auto seconds = static_cast<time_t>(floor_div(instant.unix_millis, 1000));
  const std::string tz = ":" + std::string(zone);
  struct tm local {};
  bool converted = false;
  {
    const std::lock_guard<std::mutex> lock(environment_mutex());
    const char* previous = std::getenv("TZ");
    const std::optional<std::string> saved =
        previous != nullptr ? std::optional<std::string>(previous) : std::nullopt;
    // localtime_r does not re-read TZ by itself: tzset() after each change is required.
    setenv("TZ", tz.c_str(), 1);
    tzset();
    converted = localtime_r(&seconds, &local) != nullptr;
    if (saved) {
      setenv("TZ", saved->c_str(), 1);
    } else {
      unsetenv("TZ");
    }
    tzset();
  }
  if (!converted) return std::nullopt;
  return days_from_civil(std::int64_t{local.tm_year} + 1900, local.tm_mon + 1, local.tm_mday);
}

}  // namespace

// ---- Date -------------------------------------------------------------------------------------

Result<Date> Date::parse(std::string_view text, std::string_view field) {
  const std::optional<int> y = digits_at(text, 0, 4);
  const std::optional<int> m = digits_at(text, 5, 2);
  const std::optional<int> d = digits_at(text, 8, 2);
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !y || !m || !d) {
    return make_error(ErrorCode::kInvalid, std::string(field),
                      trf("{value} is not a date in the form YYYY-MM-DD", {{"value",
                          shown(text)}}));
  }
  if (*y < limits::kYearMin || *y > limits::kYearMax) {
    return make_error(ErrorCode::kInvalid, std::string(field),
                      trf("{value}: year {year} is outside {min}..{max}",
                          {{"value", shown(text)}, {"year", std::to_string(*y)},
                           {"min", std::to_string(limits::kYearMin)},
                           {"max", std::to_string(limits::kYearMax)}}));
  }
  if (*m < 1 || *m > 12) {
    return make_error(ErrorCode::kInvalid, std::string(field),
                      trf("{value}: there is no month {month}",
                          {{"value", shown(text)}, {"month", std::to_string(*m)}}));
  }
  const int last = days_in_month(*y, *m);
  if (*d < 1 || *d > last) {
    return make_error(ErrorCode::kInvalid, std::string(field),
                      trf("{value}: {month} {year} has {days} days",
                          {{"value", shown(text)},
                           {"month", tr(kMonthNames[static_cast<std::size_t>(*m - 1)])},
                           {"year", std::to_string(*y)}, {"days", std::to_string(last)}}));
  }
  return from_ymd(*y, *m, *d);
}

Date Date::from_ymd(int year, int month, int day) {
  SEMILLA_CHECK(is_valid_ymd(year, month, day));
  return Date(days_from_civil(year, month, day));
}

Date Date::from_days(std::int64_t days_since_epoch) {
  SEMILLA_CHECK(days_since_epoch >= kMinDays && days_since_epoch <= kMaxDays);
  return Date(days_since_epoch);
}

Date Date::min() { return Date(kMinDays); }
Date Date::max() { return Date(kMaxDays); }

bool Date::is_valid_ymd(int year, int month, int day) {
  return year >= limits::kYearMin && year <= limits::kYearMax && month >= 1 && month <= 12 &&
         day >= 1 && day <= days_in_month(year, month);
}

int Date::days_in_month(int year, int month) {
  SEMILLA_CHECK(month >= 1 && month <= 12);
  constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

int Date::year() const { return static_cast<int>(civil_from_days(days_).year); }
int Date::month() const { return civil_from_days(days_).month; }
int Date::day() const { return civil_from_days(days_).day; }

int Date::iso_weekday() const {
  // 1970-01-01 was a Thursday (4); shift so that Monday is 0, then back to 1-based.
  const std::int64_t from_monday = days_ + 3 - floor_div(days_ + 3, 7) * 7;
  return static_cast<int>(from_monday) + 1;
}

Date Date::add_days(std::int64_t n) const {
  // Compared before adding so that a huge n cannot overflow.
  SEMILLA_CHECK(n >= kMinDays - days_ && n <= kMaxDays - days_);
  return Date(days_ + n);
}

Date Date::add_months(int n) const {
  const Civil c = civil_from_days(days_);
  const std::int64_t months = c.year * 12 + (c.month - 1) + n;
  const std::int64_t year = floor_div(months, 12);
  SEMILLA_CHECK(year >= limits::kYearMin && year <= limits::kYearMax);
  const auto y = static_cast<int>(year);
  const auto m = static_cast<int>(months - year * 12 + 1);
  return from_ymd(y, m, std::min(c.day, days_in_month(y, m)));
}

Date Date::end_of_month() const {
  const Civil c = civil_from_days(days_);
  const auto y = static_cast<int>(c.year);
  return from_ymd(y, c.month, days_in_month(y, c.month));
}

std::string Date::to_string() const {
  const Civil c = civil_from_days(days_);
  return year_text(c.year) + "-" + two_digits(c.month) + "-" + two_digits(c.day);
}

std::int64_t days_between(Date from, Date to) {
  return to.days_since_epoch() - from.days_since_epoch();
}

// ---- Instant ----------------------------------------------------------------------------------

std::string Instant::to_rfc3339() const {
  const std::int64_t days = floor_div(unix_millis, kMillisPerDay);
  // Not unix_millis - days * kMillisPerDay: that product overflows near the int64 minimum.
  const std::int64_t ms = (unix_millis % kMillisPerDay + kMillisPerDay) % kMillisPerDay;
  const Civil c = civil_from_days(days);
  std::string millis = std::to_string(ms % 1000);
  millis.insert(0, 3 - millis.size(), '0');
  return year_text(c.year) + "-" + two_digits(c.month) + "-" + two_digits(c.day) + "T" +
         two_digits(ms / 3'600'000) + ":" + two_digits(ms / 60'000 % 60) + ":" +
         two_digits(ms / 1000 % 60) + "." + millis + "Z";
}

Result<Instant> parse_rfc3339_utc(std::string_view text) { return parse_instant(text, "time"); }

Result<Instant> parse_rfc3339_millis_utc(std::string_view text, std::string_view field) {
  // parse_instant() accepts the lenient forms; what is left to require is the exact layout
  // to_rfc3339() writes, which also rules out a second spelling of the same instant.
  constexpr std::size_t kBytes = 24;  // "2026-03-01T12:00:00.000Z"
  if (text.size() != kBytes || text[19] != '.' || !digits_at(text, 20, 3)) {
    return instant_error(text, field,
                         "a record time has exactly three fraction digits, "
                         "as in 2026-03-01T12:00:00.000Z");
  }
  return parse_instant(text, field);
}

Result<Instant> now() {
  std::optional<std::string> fixed;
  {
    const std::lock_guard<std::mutex> lock(environment_mutex());
    const char* value = std::getenv("SEMILLA_NOW");
    if (value != nullptr) fixed = value;
  }
  // Set but malformed is an error, not a fallback to the real clock: a test or an example that
  // meant to fix the time must not silently record today's date.
  if (fixed) return parse_instant(*fixed, "SEMILLA_NOW");
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return Instant{std::chrono::floor<std::chrono::milliseconds>(since_epoch).count()};
}

bool is_time_zone_name(std::string_view zone) {
  constexpr std::size_t kZoneNameBytesMax = 255;  // a path component limit; real names are < 40
  return !zone.empty() && zone.size() <= kZoneNameBytesMax && zone.front() != '/' &&
         zone.find("..") == std::string_view::npos &&
         std::all_of(zone.begin(), zone.end(), is_zone_name_char);
}

bool is_known_time_zone(std::string_view zone) {
  if (is_builtin_utc(zone)) return true;
  if (!is_time_zone_name(zone)) return false;
  const std::filesystem::path path = zoneinfo_dir() / std::string(zone);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return false;
  // zone.tab, tzdata.zi and friends live in the same folder but are not zones.
  std::ifstream in(path, std::ios::binary);
  std::array<char, 4> magic{};
  in.read(magic.data(), magic.size());
  return in && std::string_view(magic.data(), magic.size()) == "TZif";
}

Result<Date> local_date(Instant instant, std::string_view zone) {
  if (!is_known_time_zone(zone)) {
    return make_error(ErrorCode::kInvalid, "time_zone",
                      trf("{value} is not a time zone of the system's tz database; use an IANA "
                          "name such as America/Guayaquil or UTC",
                          {{"value", shown(zone)}}));
  }
  std::optional<std::int64_t> days = floor_div(instant.unix_millis, kMillisPerDay);
  if (!is_builtin_utc(zone)) days = libc_local_days(instant, zone);
  if (!days) {
    return make_error(ErrorCode::kInvalid, "time_zone",
                      "cannot convert " + instant.to_rfc3339() + " to time zone " + shown(zone));
  }
  if (*days < kMinDays || *days > kMaxDays) {
    return make_error(ErrorCode::kInvalid, "time_zone",
                      instant.to_rfc3339() + " falls outside the years " +
                          std::to_string(limits::kYearMin) + ".." +
                          std::to_string(limits::kYearMax));
  }
  return Date::from_days(*days);
}

}  // namespace semilla
