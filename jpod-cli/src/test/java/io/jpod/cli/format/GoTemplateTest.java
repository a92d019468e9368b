package io.jpod.cli.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GoTemplateTest {
  record State(String status, boolean running, int pid) {}

  record Mount(String destination, String source) {}

  record Container(String id, List<String> names, State state, List<Mount> mounts, Map<String, String> labels) {}

  static final Container CTR = new Container("abc123", List.of("web", "db"), new State("running", true, 42),
      List.of(new Mount("/data", "/srv"), new Mount("/etc/x", "/tmp")), Map.of("a", "1", "b", "2"));

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static final Map<String, Object> MAP = map("ID", "abc123", "Image", "alpine", "Names", List.of("web", "db"),
      "State", map("Status", "exited", "ExitCode", 0L), "Labels", map("a", "1", "b", "2"),
      "Mounts", List.of(map("Destination", "/data"), map("Destination", "/etc")), "Size", 1.5, "Nil", null,
      "Count", 3L, "Empty", List.of(), "Flag", true);

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("{{.ID}}", MAP, "abc123"),
        Arguments.of("{{.ID}}", CTR, "abc123"),
        Arguments.of("{{.State.Status}}", MAP, "exited"),
        Arguments.of("{{.State.Status}}", CTR, "running"),
        Arguments.of("{{.State.Running}} {{.State.Pid}}", CTR, "true 42"),
        Arguments.of("{{.Missing}}", MAP, "<no value>"),
        Arguments.of("{{.Nil}}", MAP, "<nil>"),
        Arguments.of("{{.}}", "hello", "hello"),
        Arguments.of("{{.Names}}", MAP, "[web db]"),
        Arguments.of("{{.Labels}}", MAP, "map[a:1 b:2]"),
        Arguments.of("{{.State}}", CTR, "{running true 42}"),
        Arguments.of("{{.Size}} {{.Count}} {{.Flag}}", MAP, "1.5 3 true"),
        Arguments.of("{{.ID | upper}}", MAP, "ABC123"),
        Arguments.of("{{.Image | upper | lower}}", MAP, "alpine"),
        Arguments.of("{{join .Names \",\"}}", MAP, "web,db"),
        Arguments.of("{{range .Mounts}}{{.Destination}} {{end}}", MAP, "/data /etc "),
        Arguments.of("{{range .Mounts}}{{.Destination}} {{end}}", CTR, "/data /etc/x "),
        Arguments.of("{{range $i, $e := .Names}}{{$i}}={{$e}};{{end}}", MAP, "0=web;1=db;"),
        Arguments.of("{{range $e := .Names}}{{$e}}{{$.ID}};{{end}}", MAP, "webabc123;dbabc123;"),
        Arguments.of("{{range .Labels}}{{.}},{{end}}", MAP, "1,2,"),
        Arguments.of("{{range $k, $v := .Labels}}{{$k}}={{$v}} {{end}}", CTR, "a=1 b=2 "),
        Arguments.of("{{range .Empty}}x{{else}}none{{end}}", MAP, "none"),
        Arguments.of("{{range .Names}}{{if eq . \"db\"}}{{break}}{{end}}{{.}}{{end}}", MAP, "web"),
        Arguments.of("{{index .Labels \"a\"}}", MAP, "1"),
        Arguments.of("{{index .Labels \"a\"}}", CTR, "1"),
        Arguments.of("{{index .Labels \"zz\"}}", CTR, ""),
        Arguments.of("{{index .Names 1}}", MAP, "db"),
        Arguments.of("{{len .Names}}", MAP, "2"),
        Arguments.of("{{if .Flag}}yes{{else}}no{{end}}", MAP, "yes"),
        Arguments.of("{{if .Empty}}a{{else if .Count}}b{{else}}c{{end}}", MAP, "b"),
        Arguments.of("{{if not .Flag}}a{{else if eq .Count 4}}b{{else}}c{{end}}", MAP, "c"),
        Arguments.of("{{with .State}}{{.Status}}{{end}}", MAP, "exited"),
        Arguments.of("{{with .Empty}}x{{else}}empty{{end}}", MAP, "empty"),
        Arguments.of("a  {{- .ID -}}  b", MAP, "aabc123b"),
        Arguments.of("a\n{{- /* comment */ -}}\nb", MAP, "ab"),
        Arguments.of("x{{/* c */}}y", MAP, "xy"),
        Arguments.of("{{\"lit\"}} {{42}} {{-1}} {{1.5}} {{true}} {{'a'}} {{`raw\\n`}}", MAP, "lit 42 -1 1.5 true 97 raw\\n"),
        Arguments.of("{{printf \"%s-%d-%v-%q-%t\" .ID .Count .Size .Image .Flag}}", MAP, "abc123-3-1.5-\"alpine\"-true"),
        Arguments.of("{{printf \"%x %X %05d %-6s| %6s|\" 255 255 42 \"ab\" \"cd\"}}", MAP, "ff FF 00042 ab    |     cd|"),
        Arguments.of("{{printf \"%d\" \"x\"}} {{printf \"%s\"}}", MAP, "%!d(string=x) %!s(MISSING)"),
        Arguments.of("{{printf \"%.2f\" .Size}}", MAP, "1.50"),
        Arguments.of("{{print \"a\" 1 2 \"b\"}}", MAP, "a1 2b"),
        Arguments.of("{{println \"a\" 1}}", MAP, "a 1\n"),
        Arguments.of("{{split \"a:b:c\" \":\"}}", MAP, "[a b c]"),
        Arguments.of("{{title \"hello world\"}} {{truncate .ID 3}} [{{pad .Image 1 2}}]", MAP, "Hello World abc [ alpine  ]"),
        Arguments.of("{{contains \"pin\" .Image}} {{hasPrefix \"al\" .Image}} {{hasSuffix \"x\" .Image}}", MAP, "true true false"),
        Arguments.of("{{replace \"l\" \"L\" .Image}}", MAP, "aLpine"),
        Arguments.of("{{.Image | hasPrefix \"alp\"}}", MAP, "true"),
        Arguments.of("{{ne 1 2}} {{lt 1 2}} {{le 2 2}} {{gt \"b\" \"a\"}} {{ge 1 2}} {{eq .ID \"x\" \"abc123\"}}", MAP, "true true true true false true"),
        Arguments.of("{{and 1 0}} {{or 0 \"x\"}} {{and .Flag .Count}}", MAP, "0 x 3"),
        Arguments.of("{{$x := .ID}}{{$x}}", MAP, "abc123"),
        Arguments.of("{{(index .Mounts 0).Destination}}", MAP, "/data"),
        Arguments.of("{{len (split \"a b\" \" \")}}", MAP, "2"),
        Arguments.of("{{json .}}", map("b", 1L, "a", List.of("x", "<y>"), "c", map()), "{\"b\":1,\"a\":[\"x\",\"<y>\"],\"c\":{}}"),
        Arguments.of("{{json .State}}", CTR, "{\"status\":\"running\",\"running\":true,\"pid\":42}"),
        Arguments.of("{{json .Labels}}", MAP, "{\"a\":\"1\",\"b\":\"2\"}"),
        Arguments.of("{{json .Nil}} {{json .Size}} {{json \"q\\\"\"}}", MAP, "null 1.5 \"q\\\"\""),
        Arguments.of("{{.}}", Duration.ofSeconds(3723).plusMillis(500), "1h2m3.5s"),
        Arguments.of("{{.}}", Duration.ofMillis(1500).minusSeconds(1), "500ms"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void renders(String format, Object data, String expected) {
    assertThat(GoTemplate.parse(format).render(data)).isEqualTo(expected);
  }

  @Test
  void instantPrintsLikeGoTime() {
    TimeZone old = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone(ZoneId.of("UTC")));
      Instant t = Instant.parse("2024-03-05T06:07:08.120Z");
      assertThat(GoTemplate.parse("{{.}}").render(t)).isEqualTo("2024-03-05 06:07:08.12 +0000 UTC");
      assertThat(GoTemplate.parse("{{.}}").render(Instant.parse("2024-03-05T06:07:08Z")))
          .isEqualTo("2024-03-05 06:07:08 +0000 UTC");
      assertThat(GoTemplate.parse("{{json .}}").render(t)).isEqualTo("\"2024-03-05T06:07:08.12Z\"");
    } finally {
      TimeZone.setDefault(old);
    }
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("{{.Nope}}", CTR, "template: template:1:2: executing \"template\" at <.Nope>: can't evaluate field Nope in type Container"),
        Arguments.of("{{.State.Nope}}", CTR, "can't evaluate field Nope in type State"),
        Arguments.of("{{.ID.X}}", MAP, "can't evaluate field X in type string"),
        Arguments.of("{{.Missing.X}}", MAP, "nil pointer evaluating interface {}.X"),
        Arguments.of("{{foo .ID}}", MAP, "template: template:1: function \"foo\" not defined"),
        Arguments.of("{{.ID", MAP, "template: template:1: unclosed action"),
        Arguments.of("{{if .ID}}x", MAP, "unexpected EOF"),
        Arguments.of("{{end}}", MAP, "unexpected {{end}}"),
        Arguments.of("{{\"abc}}", MAP, "unterminated quoted string"),
        Arguments.of("{{index .Names 5}}", MAP, "error calling index: index out of range: 5"),
        Arguments.of("{{range .ID}}{{end}}", MAP, "range can't iterate over abc123"),
        Arguments.of("{{upper 1}}", MAP, "error calling upper: wrong type for value; expected string; got int"),
        Arguments.of("{{.ID 1}}", MAP, "can't give argument to non-function .ID"),
        Arguments.of("{{$nope}}", MAP, "undefined variable: $nope"),
        Arguments.of("{{/* x }}", MAP, "unclosed comment"),
        Arguments.of("{{lt 1 \"a\"}}", MAP, "incompatible types for comparison"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void fails(String format, Object data, String message) {
    assertThatThrownBy(() -> GoTemplate.parse(format).render(data))
        .isInstanceOf(JpodException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((JpodException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void lowerCamelMapping() {
    assertThat(TemplateEvaluator.lowerCamel("ID")).isEqualTo("id");
    assertThat(TemplateEvaluator.lowerCamel("IPAddress")).isEqualTo("ipAddress");
    assertThat(TemplateEvaluator.lowerCamel("CreatedAt")).isEqualTo("createdAt");
  }

  public static final class Bean {
    public String getName() {
      return "bean";
    }

    public int size() {
      return 7;
    }
  }

  @Test
  void beanLikeObjects() {
    assertThat(GoTemplate.parse("{{.Name}} {{.Size}}").render(new Bean())).isEqualTo("bean 7");
  }
}
