package io.jpod.core.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InRootPathTest {
  /** A container root described by its symlinks only; everything else is a plain directory or file. */
  private final Map<String, String> links = new HashMap<>();

  private String resolve(String path) throws IOException {
    return InRootPath.resolve(path, links::get);
  }

  @Test
  void cleansLexicallyAndNeverClimbsAboveTheRoot() {
    assertThat(InRootPath.clean("")).isEqualTo("/");
    assertThat(InRootPath.clean("/./x//y/")).isEqualTo("/x/y");
    assertThat(InRootPath.clean("a/../../b")).isEqualTo("/b");
    assertThat(InRootPath.clean("../../../etc/passwd")).isEqualTo("/etc/passwd");
    assertThat(InRootPath.join("/work", "sub/../f")).isEqualTo("/work/f");
    assertThat(InRootPath.join("/work", "/abs")).isEqualTo("/abs");
  }

  @Test
  void pathsWithoutSymlinksStayAsWritten() throws IOException {
    assertThat(resolve("/etc/passwd")).isEqualTo("/etc/passwd");
    assertThat(resolve("etc/./passwd")).isEqualTo("/etc/passwd");
    assertThat(resolve("/")).isEqualTo("/");
  }

  @Test
  void absoluteSymlinkRestartsAtTheContainersRoot() throws IOException {
    links.put("/escape", "/");
    assertThat(resolve("/escape/etc/shadow")).isEqualTo("/etc/shadow");
    assertThat(resolve("/escape")).isEqualTo("/");
    assertThat(resolve("/escape/escape/escape/tmp")).isEqualTo("/tmp");
  }

  @Test
  void relativeDotDotChainsStopAtTheRoot() throws IOException {
    links.put("/x", "../../../../etc");
    assertThat(resolve("/x/passwd")).isEqualTo("/etc/passwd");
    links.put("/deep/a/b/up", "../../../../../../..");
    assertThat(resolve("/deep/a/b/up/etc/hosts")).isEqualTo("/etc/hosts");
  }

  @Test
  void dotDotAfterASymlinkIsTakenFromTheTarget() throws IOException {
    links.put("/x", "/usr/lib");
    // The kernel resolves /x first, so ".." is /usr, not the root (a lexical clean would say /bin).
    assertThat(resolve("/x/../bin")).isEqualTo("/usr/bin");
  }

  @Test
  void relativeTargetsResolveFromTheLinksDirectory() throws IOException {
    links.put("/etc/pw", "passwd");
    links.put("/a", "b/c");
    links.put("/b/c", "../d");
    assertThat(resolve("/etc/pw")).isEqualTo("/etc/passwd");
    assertThat(resolve("/a/file")).isEqualTo("/d/file");
  }

  @Test
  void danglingLinkResolvesToItsTarget() throws IOException {
    links.put("/dangling", "/tmp/nothere");
    assertThat(resolve("/dangling")).isEqualTo("/tmp/nothere");
  }

  @Test
  void resolveParentKeepsTheLastComponent() throws IOException {
    links.put("/x", "../etc");
    links.put("/etc/pw", "passwd");
    assertThat(InRootPath.resolveParent("/x/pw", links::get)).isEqualTo("/etc/pw");
    assertThat(InRootPath.resolveParent("/", links::get)).isEqualTo("/");
    assertThat(InRootPath.resolveParent("/top", links::get)).isEqualTo("/top");
  }

  @Test
  void symlinkLoopsAreRefused() {
    links.put("/l1", "/l2");
    links.put("/l2", "l1");
    assertThatThrownBy(() -> resolve("/l1/x")).isInstanceOf(FileSystemException.class)
        .hasMessageContaining("too many levels of symbolic links");
  }

  @Test
  void partsOfPaths() {
    assertThat(InRootPath.parent("/etc/passwd")).isEqualTo("/etc");
    assertThat(InRootPath.parent("/etc")).isEqualTo("/");
    assertThat(InRootPath.parent("/")).isEqualTo("/");
    assertThat(InRootPath.name("/etc/passwd")).isEqualTo("passwd");
    assertThat(InRootPath.relative("/")).isEqualTo(".");
    assertThat(InRootPath.relative("/etc/passwd")).isEqualTo("etc/passwd");
  }
}
