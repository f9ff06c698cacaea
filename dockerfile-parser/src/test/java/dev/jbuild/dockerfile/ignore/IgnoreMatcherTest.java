package dev.jbuild.dockerfile.ignore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Cases restated from moby/patternmatcher's tests (shared/conformance/OTHER-SOURCES.md). */
class IgnoreMatcherTest {

    @ParameterizedTest(name = "{0} => {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "**|file|true", "**|dir/file|true", "**/|file|true", "**/**|dir/file|true",
        "dir/**|dir/file|true", "dir/**|dir/dir2/file|true", "abc/**|abc|false", "abc/**|abc/def|true",
        "**/dir|dir|true", "**/dir|dir/file|true", "**/dir2/*|dir/dir2/file|true",
        "**file|file|true", "**file|dir/dir/file|true", "**/file*txt|dir/dir/file.txt|true",
        "**/**/*.txt|file.txt|true", "**/**/*.txt2|dir/dir/file.txt|false",
        "a**/*.txt|a/file.txt|true", "a**/*.txt|a/dir/dir/file.txt|true", "a/*.txt|a/dir/file.txt|false",
        "a[b-d]e|ace|true", "a[b-d]e|ae|false", "a[b-d]e|aae|false", "a[^b-d]e|aze|true",
        ".*|.foo|true", ".*|foo|false", "**/.foo|.foo|true", "**/.foo|bar.foo|false",
        "abc.def|abcdef|false", "abc?def|abcZdef|true", "abc?def|abcdef|false",
        "a\\\\|a\\|true", "a\\*b|a*b|true", "a\\*b|ab|false",
        "a(b)c/def|a(b)c/def|true", "`a.|)$(}+{bc`|`a.|)$(}+{bc`|true",
        "dist/*.whl|dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl|true",
        "a*/b|abc/b|true", "a*/b|a/c/b|false", "a?b|a/b|false",
        "a?b|a\u263ab|true", "a???b|a\u263ab|false",
        "[\\]a]|]|true", "[x\\-]|-|true", "[x\\-]|z|false",
    })
    void singlePattern(String pattern, String path, boolean excluded) {
        assertEquals(excluded, IgnoreMatcher.of(List.of(pattern)).excludes(path));
    }

    @Test
    void lastMatchWinsAndExceptionsReinclude() {
        assertFalse(IgnoreMatcher.of(List.of("**", "!util/docker/web")).excludes("util/docker/web/foo"));
        assertTrue(IgnoreMatcher.of(List.of("**", "!util/docker/web", "util/docker/web/foo"))
                .excludes("util/docker/web/foo"));
        assertFalse(IgnoreMatcher.of(List.of("docs", "!docs/README.md")).excludes("docs/README.md"));
        assertTrue(IgnoreMatcher.of(List.of("docs", "!docs/README.md")).excludes("docs/other.md"));
        assertFalse(IgnoreMatcher.of(List.of("*.go", "!fileutils.go")).excludes("fileutils.go"));
        assertTrue(IgnoreMatcher.of(List.of("!fileutils.go", "*.go")).excludes("fileutils.go"));
        assertFalse(IgnoreMatcher.of(List.of()).excludes("anything"));
        assertFalse(IgnoreMatcher.of(List.of("**")).excludes("."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[", "[^", "[^bc", "a[", "[]a]", "[-]", "[x-]", "[-x]", "[a-b-c]", "\\", "!"})
    void badPatternsAreRejected(String pattern) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IgnoreMatcher.of(List.of(pattern)));
        assertFalse(e.getMessage().isEmpty());
    }

    @Test
    void fileIsReadLikeDocker() {
        List<String> patterns = IgnoreFile.parse("\uFEFF# comment\n/test2\n  /a/file/here  \n\n! /inverted/abs/path\n"
                + "a/../b/./c/\n!\n");
        assertEquals(List.of("test2", "a/file/here", "!inverted/abs/path", "b/c", "!"), patterns);
    }

    @Test
    void dockerfileSpecificIgnoreFileWins(@TempDir Path context) throws Exception {
        Files.writeString(context.resolve(".dockerignore"), "*.log\n");
        Path dockerfile = context.resolve("app.Dockerfile");
        Files.writeString(dockerfile, "FROM scratch\n");
        assertTrue(IgnoreFile.forBuild(context, dockerfile).excludes("x.log"));
        Files.writeString(context.resolve("app.Dockerfile.dockerignore"), "*.tmp\n");
        IgnoreMatcher specific = IgnoreFile.forBuild(context, dockerfile);
        assertFalse(specific.excludes("x.log"));
        assertTrue(specific.excludes("x.tmp"));
        assertTrue(IgnoreFile.forBuild(context.resolve("none"), context.resolve("none/Dockerfile")).isEmpty());
    }

    @Test
    void anExcludedDirectoryIsWalkedWhereAReIncludingPatternCouldMatchBelowIt() {
        IgnoreMatcher m = IgnoreMatcher.of(List.of("**", "!folder1/file1", "subdir", "!*/sub1*", "!/rooted/x"));
        assertTrue(m.mayIncludeBelow("folder1"));
        assertTrue(m.mayIncludeBelow("subdir"), "*/sub1* could match below any top directory");
        assertTrue(m.mayIncludeBelow("rooted"), "a rooted pattern names the same paths");
        assertFalse(m.mayIncludeBelow("folder1/deeper"), "folder1/file1 names nothing below folder1/deeper");
        assertFalse(m.mayIncludeBelow("a/b"), "*/sub1* names nothing two levels down");
        assertTrue(IgnoreMatcher.of(List.of("x", "!x/**")).mayIncludeBelow("x/any/depth"));
        assertFalse(IgnoreMatcher.of(List.of("x")).mayIncludeBelow("x"), "no re-including pattern");
    }
}
