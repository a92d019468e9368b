package io.jpod.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.JpodException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageFilterTest {
  private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
  private static final Instant T1 = NOW.minus(Duration.ofHours(3));
  private static final Instant T2 = NOW.minus(Duration.ofHours(2));
  private static final Instant T3 = NOW.minus(Duration.ofHours(1));

  private static ImageSummary image(String id, List<String> names, Instant created, Map<String, String> labels,
      int containers) {
    return new ImageSummary(id, names, names.reversed(), "sha256:d", List.of(), created, 10, labels, containers,
        names.isEmpty(), false, "", false, "layer");
  }

  private final ImageSummary busybox = image("a1", List.of("localhost/busybox:latest", "localhost/foo:v1"), T1, null, 1);
  private final ImageSummary alpha = image("b2", List.of("localhost/alpha:1"), T2, Map.of("a", "b"), 0);
  private final ImageSummary none = image("c3", List.of(), T3, null, 0);
  private final List<ImageSummary> all = List.of(busybox, alpha, none);

  private List<String> ids(String... filters) {
    ImageFilter f = ImageFilter.parse(List.of(filters), ref -> switch (ref) {
      case "busybox" -> T1;
      case "alpha:1" -> T2;
      default -> throw JpodException.notFound(ref + ": image not known");
    }, NOW, ZoneOffset.UTC);
    return all.stream().filter(f).map(ImageSummary::id).toList();
  }

  @Test
  void sameKeyOrDifferentKeysAnd() {
    assertThat(ids("reference=alpha", "reference=foo")).containsExactly("a1", "b2");
    assertThat(ids("reference=alpha", "label=a")).containsExactly("b2");
    assertThat(ids("reference=busybox", "label=a")).isEmpty();
    assertThat(ids("label=a", "label=x")).containsExactly("b2");
  }

  @Test
  void negation() {
    assertThat(ids("reference!=alpha")).containsExactly("a1", "c3");
    assertThat(ids("label!=a")).containsExactly("a1", "c3");
  }

  @Test
  void timesAndStates() {
    assertThat(ids("before=alpha:1")).containsExactly("a1");
    assertThat(ids("since=busybox")).containsExactly("b2", "c3");
    assertThat(ids("after=busybox")).containsExactly("b2", "c3");
    assertThat(ids("until=90m")).containsExactly("a1", "b2");
    assertThat(ids("until=2026-12-02T10:30:00Z")).containsExactly("a1", "b2");
    assertThat(ids("dangling=true")).containsExactly("c3");
    assertThat(ids("dangling=false")).containsExactly("a1", "b2");
    assertThat(ids("containers=true")).containsExactly("a1");
    assertThat(ids("containers=false")).containsExactly("b2", "c3");
    assertThat(ids("readonly=false")).containsExactly("a1", "b2", "c3");
    assertThat(ids("readonly=true")).isEmpty();
    assertThat(ids("id=b2")).containsExactly("b2");
    assertThat(ids("id=b")).isEmpty();
    assertThat(ids("label=a=b")).containsExactly("b2");
    assertThat(ids("label=a=c")).isEmpty();
    assertThat(ids("label=a=")).containsExactly("b2");
  }

  @Test
  void podmanErrorMessages() {
    assertThatThrownBy(() -> ids("bogus=1")).hasMessage("unsupported image filter \"bogus\"");
    assertThatThrownBy(() -> ids("digest=sha256:1")).hasMessage("unsupported image filter \"digest\"");
    assertThatThrownBy(() -> ids("noeq")).hasMessage(
        "invalid image filter \"noeq\": must be in the format \"filter=value or filter!=value\"");
    assertThatThrownBy(() -> ids("dangling=xx")).hasMessage(
        "non-boolean value \"dangling\" for xx filter: strconv.ParseBool: parsing \"xx\": invalid syntax");
    assertThatThrownBy(() -> ids("dangling=true", "dangling=false")).hasMessage(
        "specifying \"dangling\" filter more than once with different values is not supported");
    assertThatThrownBy(() -> ids("containers=xyz")).hasMessage("unsupported value \"xyz\" for containers filter");
    assertThatThrownBy(() -> ids("before=nonexist")).hasMessage(
        "could not find local image for filter filter \"before\"=\"nonexist\": nonexist: image not known");
    assertThatThrownBy(() -> ids("until=bad")).hasMessage("failed to parse value as time or duration: \"bad\"");
  }

  @Test
  void untilTimestamps() {
    assertThat(Timestamps.parse("1h30m", NOW, ZoneOffset.UTC)).isEqualTo(NOW.minus(Duration.ofMinutes(90)));
    assertThat(Timestamps.parse("1.5h", NOW, ZoneOffset.UTC)).isEqualTo(NOW.minus(Duration.ofMinutes(90)));
    assertThat(Timestamps.parse("2026-01-01", NOW, ZoneOffset.ofHours(2)))
        .isEqualTo(Instant.parse("2025-12-31T22:00:00Z"));
    assertThat(Timestamps.parse("2026-01-01T10", NOW, ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
    assertThat(Timestamps.parse("2026-01-01T10:00:00.5+01:00", NOW, ZoneOffset.UTC))
        .isEqualTo(Instant.parse("2026-01-01T09:00:00.5Z"));
    assertThat(Timestamps.parse("1700000000.25", NOW, ZoneOffset.UTC))
        .isEqualTo(Instant.ofEpochSecond(1700000000, 250_000_000));
  }
}
