package dev.jbuild.executor.git;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** buildx's git URL forms, and what is not one. */
class GitSourceTest {
    @Test
    void everyFormBuildxTakes() {
        assertEquals(Optional.of(new GitSource("https://github.com/org/repo.git", "v1.2", "docker")),
                GitSource.parse("https://github.com/org/repo.git#v1.2:docker"));
        assertEquals(Optional.of(new GitSource("git@github.com:org/repo.git", "main", "")), GitSource.parse("git@github.com:org/repo.git#main"));
        assertEquals(Optional.of(new GitSource("git://host/repo", "HEAD", "sub/dir")), GitSource.parse("git://host/repo#:sub/dir"));
        assertEquals(Optional.of(new GitSource("ssh://git@host:2222/repo.git", "HEAD", "")), GitSource.parse("ssh://git@host:2222/repo.git"));
    }

    @Test
    void tarballsAndDirectoriesAreNot() {
        assertEquals(Optional.empty(), GitSource.parse("https://example.com/ctx.tar.gz"));
        assertEquals(Optional.empty(), GitSource.parse("./app"));
        assertEquals(Optional.empty(), GitSource.parse("https://example.com/file.gitignore"));
    }
}
