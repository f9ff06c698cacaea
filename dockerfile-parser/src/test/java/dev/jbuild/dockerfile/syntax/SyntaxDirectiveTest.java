package dev.jbuild.dockerfile.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jbuild.dockerfile.DockerfileException;
import org.junit.jupiter.api.Test;

class SyntaxDirectiveTest {
    @Test
    void dockersFrontendsAreTakenOthersRefused() {
        for (String ok : new String[] {"docker/dockerfile:1", "docker.io/docker/dockerfile:1.7-labs", "docker/dockerfile-upstream:master",
                "docker/dockerfile@sha256:ac85f380a63b13dfcefa89046420e1781752bab202122f8f50032edf31be0021", "docker/dockerfile"}) {
            assertEquals("# syntax=" + ok + ": using jbuild's built-in Dockerfile frontend (the frontend image is not pulled)",
                    SyntaxDirective.describe(ok));
        }
        DockerfileException e = assertThrows(DockerfileException.class, () -> SyntaxDirective.describe("ghcr.io/acme/yaml-frontend:2"));
        assertEquals("# syntax=ghcr.io/acme/yaml-frontend:2 names another frontend than Docker's Dockerfile one: jbuild builds with"
                + " its built-in Dockerfile frontend only", e.reason());
    }
}
