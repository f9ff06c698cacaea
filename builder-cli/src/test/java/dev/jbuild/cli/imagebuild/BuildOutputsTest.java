package dev.jbuild.cli.imagebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.cli.JbuildFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** --output values as BuildKit spells them, and what a build refuses before it starts. */
class BuildOutputsTest {
    @Test
    void specsReadAsBuildKitReadsThem() {
        assertEquals(Map.of("type", "local", "dest", "out"), OutputSpec.attributes("out"));
        assertEquals(Map.of("type", "tar", "dest", "-"), OutputSpec.attributes("-"));
        assertEquals(Map.of("type", "image", "name", "a:1,b:1", "push", "true"),
                OutputSpec.attributes("type=image,\"name=a:1,b:1\",push=true"));
    }

    @Test
    void imageOutputsAddNamesAndPushOnlyTheirOwn() {
        BuildOutputs o = BuildOutputs.parse(List.of("type=image,name=reg/x:1,push=true", "type=image,name=local:2"), false, List.of("app:1"));
        assertEquals(List.of("app:1", "reg/x:1", "local:2"), o.names());
        assertFalse(o.usesStdout());
        assertTrue(BuildOutputs.parse(List.of("type=oci,dest=-"), false, List.of()).usesStdout());
    }

    @Test
    void mistakesAreRefusedBeforeTheBuild() {
        assertEquals("build: --output type=local: expected type=local,dest=DIR",
                assertThrows(JbuildFailure.class, () -> BuildOutputs.parse(List.of("type=local"), false, List.of())).getMessage());
        assertEquals("build: only one --output can write to standard output (dest=-)",
                assertThrows(JbuildFailure.class, () -> BuildOutputs.parse(List.of("-", "type=docker,dest=-"), false, List.of())).getMessage());
        assertEquals("build: --push needs a name: give -t REGISTRY/NAME:TAG",
                assertThrows(JbuildFailure.class, () -> BuildOutputs.parse(List.of(), true, List.of())).getMessage());
        assertEquals("build: --output type=registry: pushing needs a name: add name=REGISTRY/NAME:TAG",
                assertThrows(JbuildFailure.class, () -> BuildOutputs.parse(List.of("type=registry"), false, List.of())).getMessage());
    }
}
