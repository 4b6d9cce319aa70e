// SPDX-License-Identifier: Apache-2.0
// The business clock (SEMILLA_NOW), RFC 3339 instants and local dates in IANA time zones.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "ledger/base/date.h"

namespace semilla {
namespace {

// Sets or unsets an environment variable for one test and puts the old value back.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) saved_ = old;
    if (value != nullptr) {
      setenv(name, value, 1);
    } else {
      unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (saved_) {
      setenv(name_, saved_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> saved_;
};

Instant at(std::string_view text) { return parse_rfc3339_utc(text).value(); }

bool has_tzdata() { return std::filesystem::exists("/usr/share/zoneinfo/America/Guayaquil"); }

TEST(Instant, PrintsMilliseconds) {
  EXPECT_EQ(Instant{0}.to_rfc3339(), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(Instant{-1}.to_rfc3339(), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(Instant{1772366400000}.to_rfc3339(), "2026-03-01T12:00:00.000Z");
  EXPECT_EQ(Instant{1772366400123}.to_rfc3339(), "2026-03-01T12:00:00.123Z");
  EXPECT_EQ(Instant{951868800000 - 1}.to_rfc3339(), "2000-02-29T23:59:59.999Z");
}

TEST(Instant, PrintsAnyValueWithoutOverflow) {
  EXPECT_FALSE(Instant{std::numeric_limits<std::int64_t>::max()}.to_rfc3339().empty());
  EXPECT_FALSE(Instant{std::numeric_limits<std::int64_t>::min()}.to_rfc3339().empty());
}

TEST(ParseRfc3339, AcceptsUtcWithOptionalFraction) {
  EXPECT_EQ(at("2026-03-01T12:00:00Z").unix_millis, 1772366400000);
  EXPECT_EQ(at("2026-03-01T12:00:00.123Z").unix_millis, 1772366400123);
  EXPECT_EQ(at("2026-03-01T12:00:00.1Z").unix_millis, 1772366400100);
  EXPECT_EQ(at("2026-03-01T12:00:00.999999999Z").unix_millis, 1772366400999);
  EXPECT_EQ(at("1970-01-01T00:00:00Z").unix_millis, 0);
  EXPECT_EQ(at("1969-12-31T23:59:59.999Z").unix_millis, -1);
  EXPECT_EQ(at("2999-12-31T23:59:59.999Z").to_rfc3339(), "2999-12-31T23:59:59.999Z");
  EXPECT_EQ(at("1900-01-01T00:00:00Z").to_rfc3339(), "1900-01-01T00:00:00.000Z");
}

TEST(ParseRfc3339, RoundTrips) {
  for (const std::int64_t ms : {0LL, 1LL, -1LL, 1772366400123LL, -2208988800000LL}) {
    EXPECT_EQ(at(Instant{ms}.to_rfc3339()).unix_millis, ms);
  }
}

TEST(ParseRfc3339, RefusesWithAReason) {
  const struct {
    const char* text;
    const char* why;
  } cases[] = {
      {"", "expected YYYY-MM-DDTHH:MM:SS"},
      {"2026-03-01", "expected YYYY-MM-DDTHH:MM:SS"},
      {"2026-03-01 12:00:00Z", "expected YYYY-MM-DDTHH:MM:SS"},
      {"2026-03-01t12:00:00Z", "expected YYYY-MM-DDTHH:MM:SS"},
      {"2026-03-01T12:00:00", "expected YYYY-MM-DDTHH:MM:SS"},
      {"2026-03-01T12:00:00+00:00", "must end with 'Z'"},
      {"2026-03-01T12:00:00z", "must end with 'Z'"},
      {"2026-03-01T24:00:00Z", "00:00:00 to 23:59:59"},
      {"2026-03-01T12:60:00Z", "00:00:00 to 23:59:59"},
      {"2026-03-01T23:59:60Z", "00:00:00 to 23:59:59"},
      {"2026-03-01T1a:00:00Z", "00:00:00 to 23:59:59"},
      {"2026-03-01T12:00:00.Z", "'.' and 1 to 9 digits"},
      {"2026-03-01T12:00:00.1234567890Z", "'.' and 1 to 9 digits"},
      {"2026-03-01T12:00:00,5Z", "unexpected \",5\" after the seconds"},
      {"2026-03-01T12:00:00.5xZ", "'.' and 1 to 9 digits"},
      {"2026-03-01T12:00:00ZZ", "unexpected \"Z\" after the seconds"},
      {"2026-02-30T12:00:00Z", "February 2026 has 28 days"},
      {"3000-01-01T00:00:00Z", "year 3000 is outside"},
  };
  for (const auto& c : cases) {
    const Result<Instant> r = parse_rfc3339_utc(c.text);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
    EXPECT_NE(r.error().message.find(c.why), std::string::npos)
        << c.text << " gave: " << r.error().message;
  }
}

TEST(Now, SemillaNowFixesTheClock) {
  const ScopedEnv fixed("SEMILLA_NOW", "2026-03-01T12:00:00Z");
  EXPECT_EQ(now().value().unix_millis, 1772366400000);
  const ScopedEnv fraction("SEMILLA_NOW", "2026-03-01T12:00:00.123Z");
  EXPECT_EQ(now().value().to_rfc3339(), "2026-03-01T12:00:00.123Z");
}

TEST(Now, MalformedSemillaNowIsAnError) {
  for (const char* bad : {"", "tomorrow", "2026-03-01", "2026-03-01T12:00:00+01:00"}) {
    const ScopedEnv fixed("SEMILLA_NOW", bad);
    const Result<Instant> r = now();
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(r.error().field, "SEMILLA_NOW");
  }
}

TEST(Now, WithoutSemillaNowReadsTheSystemClock) {
  const ScopedEnv unset("SEMILLA_NOW", nullptr);
  const auto before = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  const Result<Instant> r = now();
  ASSERT_TRUE(r.ok());
  EXPECT_GE(r->unix_millis, before);
  EXPECT_LT(r->unix_millis - before, 60'000);
}

TEST(TimeZone, UtcIsAlwaysKnown) {
  EXPECT_TRUE(is_known_time_zone("UTC"));
  EXPECT_TRUE(is_known_time_zone("Etc/UTC"));
}

TEST(TimeZone, RefusesNamesThatAreNotZones) {
  for (const char* bad : {"", "/etc/passwd", "../../etc/passwd", "America/../UTC", "Not/AZone",
                          "America", "America/", "America/Guayaquil ", "utc ", "zone.tab",
                          "tzdata.zi", "America/Guayaquil\n", "-05:00", "EST5EDT,M3.2.0"}) {
    EXPECT_FALSE(is_known_time_zone(bad)) << bad;
  }
  EXPECT_FALSE(is_known_time_zone(std::string("UTC\0x", 5)));
  EXPECT_FALSE(is_known_time_zone(std::string(300, 'A')));
}

TEST(TimeZone, KnowsIanaZonesFromTzdata) {
  if (!has_tzdata()) GTEST_SKIP() << "no tzdata in /usr/share/zoneinfo";
  for (const char* zone : {"America/Guayaquil", "America/La_Paz", "America/Lima", "America/Bogota",
                           "America/Mexico_City", "America/Caracas", "Europe/Madrid",
                           "Etc/GMT+5"}) {
    EXPECT_TRUE(is_known_time_zone(zone)) << zone;
  }
}

TEST(LocalDate, UtcNeedsNoTzdata) {
  const ScopedEnv no_tzdata("TZDIR", "/nonexistent-zoneinfo");
  EXPECT_FALSE(is_known_time_zone("America/Guayaquil"));
  EXPECT_TRUE(is_known_time_zone("UTC"));
  EXPECT_EQ(local_date(at("2026-03-01T00:00:00Z"), "UTC").value().to_string(), "2026-03-01");
  EXPECT_EQ(local_date(at("2026-02-28T23:59:59.999Z"), "UTC").value().to_string(), "2026-02-28");
  EXPECT_EQ(local_date(Instant{-1}, "Etc/UTC").value().to_string(), "1969-12-31");
}

TEST(LocalDate, FollowsTheZoneOffset) {
  if (!has_tzdata()) GTEST_SKIP() << "no tzdata in /usr/share/zoneinfo";
  const Instant early = at("2026-03-01T03:00:00Z");
  EXPECT_EQ(local_date(early, "America/Guayaquil").value().to_string(), "2026-02-28");  // UTC-5
  EXPECT_EQ(local_date(early, "UTC").value().to_string(), "2026-03-01");
  EXPECT_EQ(local_date(at("2026-03-01T04:59:59Z"), "America/Guayaquil")->to_string(),
            "2026-02-28");
  EXPECT_EQ(local_date(at("2026-03-01T05:00:00Z"), "America/Guayaquil")->to_string(),
            "2026-03-01");
  EXPECT_EQ(local_date(at("2026-02-28T15:00:00Z"), "Asia/Tokyo")->to_string(), "2026-03-01");
  // Chile's summer time (UTC-3 in January, UTC-4 in July).
  EXPECT_EQ(local_date(at("2026-01-15T02:30:00Z"), "America/Santiago")->to_string(),
            "2026-01-14");
  EXPECT_EQ(local_date(at("2026-01-15T03:30:00Z"), "America/Santiago")->to_string(),
            "2026-01-15");
  EXPECT_EQ(local_date(at("2026-07-15T03:30:00Z"), "America/Santiago")->to_string(),
            "2026-07-14");
}

TEST(LocalDate, UnknownZoneIsAnError) {
  const Result<Date> r = local_date(Instant{0}, "Mars/Olympus_Mons");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
  EXPECT_NE(r.error().message.find("\"Mars/Olympus_Mons\" is not a time zone"), std::string::npos);
}

TEST(LocalDate, OutsideTheDateRangeIsAnError) {
  const Result<Date> r = local_date(Instant{std::numeric_limits<std::int64_t>::max()}, "UTC");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
  const Instant first = at("1900-01-01T00:00:00Z");
  EXPECT_TRUE(local_date(first, "UTC").ok());
  EXPECT_FALSE(local_date(Instant{first.unix_millis - 1}, "UTC").ok());
}

TEST(LocalDate, RestoresTheProcessTimeZone) {
  if (!has_tzdata()) GTEST_SKIP() << "no tzdata in /usr/share/zoneinfo";
  {
    const ScopedEnv tz("TZ", "Europe/Madrid");
    ASSERT_TRUE(local_date(Instant{0}, "America/Lima").ok());
    ASSERT_NE(std::getenv("TZ"), nullptr);
    EXPECT_STREQ(std::getenv("TZ"), "Europe/Madrid");
  }
  {
    const ScopedEnv tz("TZ", nullptr);
    ASSERT_TRUE(local_date(Instant{0}, "America/Lima").ok());
    EXPECT_EQ(std::getenv("TZ"), nullptr);
  }
}

TEST(LocalDate, IsSafeFromSeveralThreads) {
  if (!has_tzdata()) GTEST_SKIP() << "no tzdata in /usr/share/zoneinfo";
  const Instant instant = at("2026-03-01T03:00:00Z");
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  const char* zones[] = {"America/Guayaquil", "Asia/Tokyo", "UTC", "America/Bogota"};
  const char* expected[] = {"2026-02-28", "2026-03-01", "2026-03-01", "2026-02-28"};
  for (std::size_t t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 300; ++i) {
        const Result<Date> d = local_date(instant, zones[t]);
        if (!d.ok() || d->to_string() != expected[t]) ++failures[t];
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(failures, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace semilla
