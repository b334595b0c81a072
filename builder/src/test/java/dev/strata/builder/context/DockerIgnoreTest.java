package dev.strata.builder.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerIgnoreTest {

  /** The context of our regression suite's case: leading and trailing slashes mean the same. */
  @Test
  void leadingAndTrailingSlashesAreCleanedAway() {
    DockerIgnore ignore =
        DockerIgnore.parse(
            "/folder1/\n/folder2\nfolder3/\nfolder4\n/file1\nfile2\n/folder5/file3\n");
    List<String> context =
        new ArrayList<>(List.of("Dockerfile", ".dockerignore", "file1", "file2"));
    for (int i = 1; i <= 5; i++) {
      context.add("folder" + i + "/");
      context.add("folder" + i + "/file");
    }
    context.add("folder5/file3");

    List<String> included =
        context.stream()
            .filter(p -> !ignore.isExcluded(p.replaceAll("/$", ""), p.endsWith("/")))
            .toList();

    assertEquals(List.of("Dockerfile", ".dockerignore", "folder5/", "folder5/file"), included);
  }

  @Test
  void doubleStarMatchesAnyNumberOfDirectories() {
    DockerIgnore ignore = DockerIgnore.parse("**/*.log\ndocs/**/draft\n");

    assertTrue(ignore.isExcluded("app.log", false));
    assertTrue(ignore.isExcluded("a/b/c/app.log", false));
    assertTrue(ignore.isExcluded("docs/draft", true));
    assertTrue(ignore.isExcluded("docs/x/y/draft/notes.md", false));
    assertFalse(ignore.isExcluded("app.log.txt", false));
    assertFalse(ignore.isExcluded("docs/final", true));
  }

  @Test
  void singleStarAndQuestionMarkStayInOneSegment() {
    DockerIgnore ignore = DockerIgnore.parse("*.tmp\nbuild?\n[ab]c\n");

    assertTrue(ignore.isExcluded("x.tmp", false));
    assertFalse(ignore.isExcluded("dir/x.tmp", false));
    assertTrue(ignore.isExcluded("build1", true));
    assertFalse(ignore.isExcluded("build12", true));
    assertTrue(ignore.isExcluded("bc", false));
    assertFalse(ignore.isExcluded("cc", false));
  }

  @Test
  void exceptionIncludesAgainWhatAnEarlierLineExcluded() {
    DockerIgnore ignore = DockerIgnore.parse("*.md\n!README.md\n");

    assertTrue(ignore.isExcluded("CHANGES.md", false));
    assertFalse(ignore.isExcluded("README.md", false));
  }

  @Test
  void lastMatchingLineWins() {
    DockerIgnore ignore = DockerIgnore.parse("!README.md\n*.md\n");

    assertTrue(ignore.isExcluded("README.md", false));
  }

  @Test
  void fileUnderExcludedDirectoryIsExcludedUnlessAnExceptionNamesIt() {
    DockerIgnore ignore = DockerIgnore.parse("vendor\n!vendor/keep/**\n");

    assertTrue(ignore.isExcluded("vendor", true));
    assertTrue(ignore.isExcluded("vendor/lib/a.go", false));
    assertFalse(ignore.isExcluded("vendor/keep/b.go", false));
  }

  @Test
  void walkerDescendsOnlyWhereAnExceptionCouldIncludeSomething() {
    DockerIgnore ignore = DockerIgnore.parse("vendor\n!vendor/keep\nnode_modules\n");

    assertTrue(ignore.mayContainIncluded("vendor"));
    assertFalse(ignore.mayContainIncluded("vendor/other"));
    assertTrue(ignore.mayContainIncluded("vendor/keep"));
    assertFalse(ignore.mayContainIncluded("node_modules"));
  }

  @Test
  void exceptionBeforeTheExcludingLineCannotIncludeAnything() {
    DockerIgnore ignore = DockerIgnore.parse("!vendor/keep\nvendor\n");

    assertFalse(ignore.mayContainIncluded("vendor"));
    assertTrue(ignore.isExcluded("vendor/keep", false));
  }

  @Test
  void commentsAndBlankLinesAreSkippedAndPatternsCleaned() {
    DockerIgnore ignore = DockerIgnore.parse("# secret\n\n   \n ./a//b/../c/ \n");

    assertFalse(ignore.isExcluded("# secret", false));
    assertTrue(ignore.isExcluded("a/c", true));
    assertTrue(ignore.isExcluded("a/c/d", false));
    assertFalse(ignore.isExcluded("a/b", true));
  }
}
