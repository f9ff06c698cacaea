package dev.jbuild.store.name;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Cases restated from distribution/reference's tests (shared/conformance/OTHER-SOURCES.md). */
class ImageNameTest {
    private static final String HEX = "a".repeat(64);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "ubuntu|docker.io/library/ubuntu:latest|ubuntu:latest",
        "docker.io/foo|docker.io/library/foo:latest|foo:latest",
        "index.docker.io/foo|docker.io/library/foo:latest|foo:latest",
        "foo/bar|docker.io/foo/bar:latest|foo/bar:latest",
        "library/foo/bar|docker.io/library/foo/bar:latest|library/foo/bar:latest",
        "localhost/fooo|localhost/fooo:latest|localhost/fooo:latest",
        "localhost:5000/a/b:1.0|localhost:5000/a/b:1.0|localhost:5000/a/b:1.0",
        "Foo/bar|Foo/bar:latest|Foo/bar:latest",
        "test_com/foo|docker.io/test_com/foo:latest|test_com/foo:latest",
        "127.0.0.1:8000/privatebase|127.0.0.1:8000/privatebase:latest|127.0.0.1:8000/privatebase:latest",
        "test.com:tag|docker.io/library/test.com:tag|test.com:tag",
        "test.com:5000|docker.io/library/test.com:5000|test.com:5000",
        "test:5000/repo:tag|test:5000/repo:tag|test:5000/repo:tag",
        "[::1]:5000/repo|[::1]:5000/repo:latest|[::1]:5000/repo:latest",
        "[2001:db8::1]:5000/repo|[2001:db8::1]:5000/repo:latest|[2001:db8::1]:5000/repo:latest",
        "lowercase:Uppercase|docker.io/library/lowercase:Uppercase|lowercase:Uppercase",
        "reg.example/app:1.0|reg.example/app:1.0|reg.example/app:1.0",
    })
    void normalizes(String input, String full, String familiar) {
        ImageName n = ImageName.parse(input);
        assertEquals(full, n.toString());
        assertEquals(familiar, n.familiar());
    }

    @org.junit.jupiter.api.Test
    void tagAndDigestTogether() {
        ImageName n = ImageName.parse("repo:tag@sha256:" + HEX);
        assertEquals("tag", n.tag());
        assertEquals("sha256:" + HEX, n.digest().toString());
        ImageName digestOnly = ImageName.parse("busybox@sha256:" + HEX);
        assertEquals(null, digestOnly.tag());
        assertEquals("docker.io/library/busybox@sha256:" + HEX, digestOnly.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":justtag", "@sha256:" + "a", "repo@sha256:abc", "repo@md5:" + "a", "Uppercase:tag",
        "test:5000/Uppercase/lowercase:tag", "aa/asdf$$^/aa", "https://github.com/docker/docker", "docker/Docker",
        "-docker", "docker-/docker", "docker///docker", "dock..er/docker", "____/____", "docker/",
        "[2001:db8::1]", "[fe80::1%eth0]:5000/repo", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void rejects(String input) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageName.parse(input));
        assertEquals(true, e.getMessage().startsWith("invalid reference format"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void pathLengthLimit() {
        assertThrows(IllegalArgumentException.class, () -> ImageName.parse("domain.io/" + "a".repeat(256)));
        assertEquals("example.com/" + "a".repeat(255) + ":latest", ImageName.parse("example.com/" + "a".repeat(255)).toString());
    }
}
