package io.jpod.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.avaje.json.JsonDataException;
import io.avaje.jsonb.JsonType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstantTextTest {
  @ParameterizedTest
  @ValueSource(strings = {
    "2026-12-03T07:20:00Z", "2026-12-03T07:20:00.1Z", "2026-12-03T07:20:00.12Z", "2026-12-03T07:20:00.123Z",
    "2026-12-03T07:20:00.1234Z", "2026-12-03T07:20:00.12345Z", "2026-12-03T07:20:00.123456Z",
    "2026-12-03T07:20:00.1234567Z", "2026-12-03T07:20:00.12345678Z", "2026-12-03T07:20:00.123456789Z",
    "2026-12-03T07:20:00.000000000Z", "2026-12-03T07:20:00.100000000Z",
    "2026-12-03T07:20:00+01:00", "2026-12-03T07:20:00.5-05:30", "2026-01-01T00:30:00+01:00",
    "2024-02-29T23:59:59.999999999-12:00", "2026-12-31T23:59:59+14:00", "1970-01-01T00:00:00Z",
    "1969-12-31T23:59:59.999999999Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
    "2026-12-03T07:20:00+18:00", "2026-12-03T07:20:00-18:00", "2026-12-03T07:20:00+00:00",
    "2026-12-03T07:20:00-00:00"
  })
  void readsRfc3339AsTheJdkDoes(String text) {
    assertThat(InstantText.parse(text)).isEqualTo(Instant.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    // not the shapes the fast path reads: the JDK parser decides, with its meaning
    "2026-12-03t07:20:00z", "2026-12-31T23:59:60Z", "+12026-12-03T07:20:00Z", "2026-12-03T07:20:00+01:00:30",
    "2026-12-03T24:00:00Z", "2026-12-03T07:20:00,5Z",
    "2026-12-03T07:20:00.Z"
  })
  void leavesOtherFormsToTheJdk(String text) {
    Instant jdk;
    try {
      jdk = Instant.parse(text);
    } catch (DateTimeParseException e) {
      assertThatThrownBy(() -> InstantText.parse(text)).isInstanceOf(DateTimeParseException.class);
      return;
    }
    assertThat(InstantText.parse(text)).isEqualTo(jdk);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "", "garbage", "2026-12-03", "2026-12-03T07:20:00", "2026-13-03T07:20:00Z", "2026-02-29T07:20:00Z",
    "2026-04-31T07:20:00Z", "2026-12-03T07:60:00Z", "2026-12-03T07:20:00.1234567890Z",
    "2026-12-03T07:20:00+19:00", "2026-12-03T07:20:00+01:60", "2026-12-03T07:20:00Zjunk",
    "2026-12-03T07:20:00+01", "2026-12-03T07:2a:00Z", "2026-12-03 07:20:00Z"
  })
  void refusesWhatTheJdkRefuses(String text) {
    assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> InstantText.parse(text)).isInstanceOf(DateTimeParseException.class);
  }

  @Test
  void writesWhatInstantToStringWrites() {
    Random random = new Random(42);
    long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 20_000; i++) {
      long seconds = min + Math.floorMod(random.nextLong(), max - min + 1);
      int nano = switch (i % 5) {
        case 0 -> 0;
        case 1 -> random.nextInt(1000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1000;
        default -> random.nextInt(1_000_000_000);
      };
      Instant instant = Instant.ofEpochSecond(seconds, nano);
      String text = InstantText.format(instant);
      assertThat(text).isEqualTo(instant.toString());
      assertThat(InstantText.parse(text)).isEqualTo(instant);
    }
  }

  @Test
  void everyDayOfLeapAndCenturyYearsAndAroundTheEpoch() {
    int[][] ranges = {{0, 4}, {1600, 1604}, {1896, 1904}, {1968, 1972}, {1999, 2001}, {2096, 2104}, {9996, 9999}};
    for (int[] years : ranges) {
      for (LocalDate d = LocalDate.of(years[0], 1, 1); d.getYear() <= years[1]; d = d.plusDays(1)) {
        Instant instant = d.atTime(23, 59, 59).toInstant(ZoneOffset.UTC);
        String text = instant.toString();
        assertThat(InstantText.format(instant)).isEqualTo(text);
        assertThat(InstantText.parse(text)).as(text).isEqualTo(instant);
        String shifted = d.atTime(0, 30, 15).atOffset(ZoneOffset.ofHoursMinutes(5, 30)).toString();
        assertThat(InstantText.parse(shifted)).as(shifted).isEqualTo(Instant.parse(shifted));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "2026-12-03T07:20:00Z", "2026-12-03T07:20:00.100Z", "2026-12-03T07:20:00.000001Z",
    "2026-12-03T07:20:00.000000001Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
    "-0001-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z"
  })
  void roundTripsEdgesAndYearsOutsideFourDigits(String text) {
    Instant instant = Instant.parse(text);
    assertThat(InstantText.format(instant)).isEqualTo(instant.toString()).isEqualTo(text);
    assertThat(InstantText.parse(InstantText.format(instant))).isEqualTo(instant);
  }

  @Test
  void bindingUsesItAndNamesBadText() {
    // (a list: avaje reads a bare top-level string only inside a structure)
    JsonType<List<Instant>> type = Bindings.of(Instant.class).list();
    Instant instant = Instant.parse("2026-12-03T07:20:00.123456789Z");
    assertThat(type.toJson(List.of(instant, Instant.EPOCH)))
        .isEqualTo("[\"2026-12-03T07:20:00.123456789Z\",\"1970-01-01T00:00:00Z\"]");
    assertThat(type.fromJson("[\"2026-12-03T08:20:00.123456789+01:00\", null]"))
        .containsExactly(instant, null);
    assertThatThrownBy(() -> type.fromJson("[\"2026-02-30T00:00:00Z\"]"))
        .isInstanceOf(JsonDataException.class)
        .hasMessageContaining("not a timestamp: \"2026-02-30T00:00:00Z\"");
  }
}
