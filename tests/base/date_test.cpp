// SPDX-License-Identifier: Apache-2.0
#include "ledger/base/date.h"

#include <gtest/gtest.h>

#include <chrono>
#include <climits>
#include <limits>
#include <string>

#include "ledger/base/check.h"
#include "ledger/base/limits.h"

namespace semilla {
namespace {

Date date(std::string_view text) { return Date::parse(text).value(); }

TEST(DateParse, AcceptsCalendarDates) {
  for (const char* text : {"2026-03-01", "2024-02-29", "2000-02-29", "1900-01-01", "2999-12-31",
                           "2026-12-31", "1970-01-01"}) {
    const Result<Date> d = Date::parse(text);
    ASSERT_TRUE(d.ok()) << text << ": " << d.error().to_string();
    EXPECT_EQ(d->to_string(), text);
  }
  const Date d = date("2026-03-01");
  EXPECT_EQ(d.year(), 2026);
  EXPECT_EQ(d.month(), 3);
  EXPECT_EQ(d.day(), 1);
}

struct Refused {
  const char* text;
  const char* message;
};

TEST(DateParse, RefusesWithAReason) {
  const Refused cases[] = {
      {"2026-02-30", "\"2026-02-30\": February 2026 has 28 days"},
      {"2026-02-29", "\"2026-02-29\": February 2026 has 28 days"},
      {"2100-02-29", "\"2100-02-29\": February 2100 has 28 days"},
      {"2026-04-31", "\"2026-04-31\": April 2026 has 30 days"},
      {"2026-01-00", "\"2026-01-00\": January 2026 has 31 days"},
      {"2026-13-01", "\"2026-13-01\": there is no month 13"},
      {"2026-00-10", "\"2026-00-10\": there is no month 0"},
      {"1899-12-31", "\"1899-12-31\": year 1899 is outside 1900..2999"},
      {"3000-01-01", "\"3000-01-01\": year 3000 is outside 1900..2999"},
      {"0000-01-01", "\"0000-01-01\": year 0 is outside 1900..2999"},
      {"2026-2-3", "\"2026-2-3\" is not a date in the form YYYY-MM-DD"},
      {" 2026-02-03", "\" 2026-02-03\" is not a date in the form YYYY-MM-DD"},
      {"2026-02-03 ", "\"2026-02-03 \" is not a date in the form YYYY-MM-DD"},
      {"", "\"\" is not a date in the form YYYY-MM-DD"},
      {"2026/02/03", "\"2026/02/03\" is not a date in the form YYYY-MM-DD"},
      {"20260203", "\"20260203\" is not a date in the form YYYY-MM-DD"},
      {"+026-02-03", "\"+026-02-03\" is not a date in the form YYYY-MM-DD"},
      {"2026-02-0x", "\"2026-02-0x\" is not a date in the form YYYY-MM-DD"},
      {"2026-02-03T00:00:00Z", "\"2026-02-03T00:00:00Z\" is not a date in the form YYYY-MM-DD"},
  };
  for (const Refused& c : cases) {
    const Result<Date> d = Date::parse(c.text, "--date");
    ASSERT_FALSE(d.ok()) << c.text;
    EXPECT_EQ(d.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(d.error().field, "--date");
    EXPECT_EQ(d.error().message, c.message);
  }
}

TEST(DateParse, NamesTheDefaultField) {
  EXPECT_EQ(Date::parse("x").error().to_string(),
            "date: \"x\" is not a date in the form YYYY-MM-DD");
}

TEST(DateParse, CutsLongOrBinaryInputInMessages) {
  const std::string message = Date::parse(std::string(500, '7') + "\n").error().message;
  EXPECT_LT(message.size(), 100u);
  EXPECT_EQ(message.find('\n'), std::string::npos);
}

TEST(Date, DaysSinceEpoch) {
  EXPECT_EQ(date("1970-01-01").days_since_epoch(), 0);
  EXPECT_EQ(date("1969-12-31").days_since_epoch(), -1);
  EXPECT_EQ(date("2000-03-01").days_since_epoch(), 11017);
  EXPECT_EQ(date("2026-03-01").days_since_epoch(), 20513);
  EXPECT_EQ(Date::min().days_since_epoch(), -25567);
  EXPECT_EQ(Date::max().days_since_epoch(), 376199);
  EXPECT_EQ(Date::min(), date("1900-01-01"));
  EXPECT_EQ(Date::max(), date("2999-12-31"));
  EXPECT_EQ(Date::from_days(20513), date("2026-03-01"));
}

// Every day of the accepted range agrees with the C++20 calendar of the standard library.
TEST(Date, AgreesWithStdChronoOnEveryDayOfTheRange) {
  namespace chr = std::chrono;
  for (std::int64_t n = Date::min().days_since_epoch(); n <= Date::max().days_since_epoch(); ++n) {
    const Date d = Date::from_days(n);
    const chr::sys_days sys{chr::days{n}};
    const chr::year_month_day ymd{sys};
    ASSERT_EQ(d.year(), static_cast<int>(ymd.year())) << n;
    ASSERT_EQ(d.month(), static_cast<int>(static_cast<unsigned>(ymd.month()))) << n;
    ASSERT_EQ(d.day(), static_cast<int>(static_cast<unsigned>(ymd.day()))) << n;
    ASSERT_EQ(d.iso_weekday(), static_cast<int>(chr::weekday{sys}.iso_encoding())) << n;
    ASSERT_EQ(Date::from_ymd(d.year(), d.month(), d.day()), d);
    if (n % 97 == 0) {
      ASSERT_EQ(date(d.to_string()), d) << n;
    }
  }
}

TEST(Date, IsoWeekday) {
  EXPECT_EQ(date("2026-03-01").iso_weekday(), 7);  // Sunday
  EXPECT_EQ(date("2026-03-02").iso_weekday(), 1);  // Monday
  EXPECT_EQ(date("1970-01-01").iso_weekday(), 4);  // Thursday
  EXPECT_EQ(date("1969-12-29").iso_weekday(), 1);
  EXPECT_EQ(date("1900-01-01").iso_weekday(), 1);
  EXPECT_EQ(date("2999-12-31").iso_weekday(), 2);
}

TEST(Date, ValidityAndMonthLengths) {
  EXPECT_TRUE(Date::is_valid_ymd(2024, 2, 29));
  EXPECT_FALSE(Date::is_valid_ymd(2023, 2, 29));
  EXPECT_FALSE(Date::is_valid_ymd(1900, 2, 29));
  EXPECT_TRUE(Date::is_valid_ymd(2000, 2, 29));
  EXPECT_FALSE(Date::is_valid_ymd(2026, 0, 1));
  EXPECT_FALSE(Date::is_valid_ymd(2026, 13, 1));
  EXPECT_FALSE(Date::is_valid_ymd(2026, 1, 0));
  EXPECT_FALSE(Date::is_valid_ymd(limits::kYearMin - 1, 12, 31));
  EXPECT_FALSE(Date::is_valid_ymd(limits::kYearMax + 1, 1, 1));
  EXPECT_FALSE(Date::is_valid_ymd(INT_MIN, INT_MIN, INT_MIN));
  EXPECT_EQ(Date::days_in_month(2024, 2), 29);
  EXPECT_EQ(Date::days_in_month(2100, 2), 28);
  EXPECT_EQ(Date::days_in_month(2000, 2), 29);
  EXPECT_EQ(Date::days_in_month(2026, 4), 30);
  EXPECT_EQ(Date::days_in_month(2026, 12), 31);
  EXPECT_THROW(static_cast<void>(Date::days_in_month(2026, 13)), InvariantViolation);
}

TEST(Date, AddDaysAndDaysBetween) {
  EXPECT_EQ(date("2024-02-28").add_days(1), date("2024-02-29"));
  EXPECT_EQ(date("2024-02-29").add_days(1), date("2024-03-01"));
  EXPECT_EQ(date("2026-01-01").add_days(-1), date("2025-12-31"));
  EXPECT_EQ(date("2026-01-01").add_days(365), date("2027-01-01"));
  EXPECT_EQ(days_between(date("2026-01-01"), date("2026-03-01")), 59);
  EXPECT_EQ(days_between(date("2026-03-01"), date("2026-01-01")), -59);
  EXPECT_EQ(days_between(Date::min(), Date::max()), 401766);
  EXPECT_EQ(Date::min().add_days(401766), Date::max());
}

TEST(Date, AddMonthsClampsToTheMonthEnd) {
  EXPECT_EQ(date("2024-01-31").add_months(1), date("2024-02-29"));
  EXPECT_EQ(date("2023-01-31").add_months(1), date("2023-02-28"));
  EXPECT_EQ(date("2024-03-31").add_months(-1), date("2024-02-29"));
  EXPECT_EQ(date("2024-02-29").add_months(12), date("2025-02-28"));
  EXPECT_EQ(date("2026-01-15").add_months(-13), date("2024-12-15"));
  EXPECT_EQ(date("2026-05-31").add_months(1), date("2026-06-30"));
  EXPECT_EQ(date("2026-11-30").add_months(3), date("2027-02-28"));
  EXPECT_EQ(date("2026-03-01").add_months(0), date("2026-03-01"));
  // Clamping is not reversible: Jan 31 -> Feb 28 -> Mar 28.
  EXPECT_EQ(date("2023-01-31").add_months(1).add_months(1), date("2023-03-28"));
  EXPECT_EQ(date("2023-01-31").add_months(2), date("2023-03-31"));
  EXPECT_EQ(Date::max().add_months(-(limits::kYearMax - limits::kYearMin) * 12 - 11),
            Date::min().add_days(30));
}

TEST(Date, EndOfMonth) {
  EXPECT_EQ(date("2024-02-01").end_of_month(), date("2024-02-29"));
  EXPECT_EQ(date("2100-02-14").end_of_month(), date("2100-02-28"));
  EXPECT_EQ(date("2026-12-31").end_of_month(), date("2026-12-31"));
  EXPECT_EQ(date("2026-04-10").end_of_month(), date("2026-04-30"));
}

TEST(Date, LeavingTheRangeIsABug) {
  EXPECT_THROW(static_cast<void>(Date::max().add_days(1)), InvariantViolation);
  EXPECT_THROW(static_cast<void>(Date::min().add_days(-1)), InvariantViolation);
  const auto huge = std::numeric_limits<std::int64_t>::max();
  EXPECT_THROW(static_cast<void>(Date::max().add_days(huge)), InvariantViolation);
  EXPECT_THROW(static_cast<void>(Date::min().add_days(-huge - 1)), InvariantViolation);
  EXPECT_THROW(static_cast<void>(Date::max().add_months(1)), InvariantViolation);
  EXPECT_THROW(static_cast<void>(Date::min().add_months(-1)), InvariantViolation);
  EXPECT_THROW(static_cast<void>(Date::min().add_months(INT_MAX)), InvariantViolation);
  EXPECT_THROW(static_cast<void>(Date::max().add_months(INT_MIN)), InvariantViolation);
  EXPECT_THROW(static_cast<void>(Date::from_ymd(2026, 2, 30)), InvariantViolation);
  EXPECT_THROW(static_cast<void>(Date::from_ymd(3000, 1, 1)), InvariantViolation);
  EXPECT_THROW(static_cast<void>(Date::from_days(376200)), InvariantViolation);
  EXPECT_THROW(static_cast<void>(Date::from_days(-25568)), InvariantViolation);
}

TEST(Date, Ordering) {
  EXPECT_LT(date("2025-12-31"), date("2026-01-01"));
  EXPECT_EQ(date("2026-01-01"), Date::from_ymd(2026, 1, 1));
  EXPECT_NE(date("2026-01-01"), date("2026-01-02"));
}

}  // namespace
}  // namespace semilla
