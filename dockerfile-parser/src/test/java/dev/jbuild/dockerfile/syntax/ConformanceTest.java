package dev.jbuild.dockerfile.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.dockerfile.Conformance;
import dev.jbuild.dockerfile.DockerfileException;
import dev.jbuild.dockerfile.DockerfileParser;
import dev.jbuild.dockerfile.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** BuildKit's parser vectors (shared/conformance): every one must pass. */
class ConformanceTest {

    private static String read(Path p) throws IOException {
        return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    }

    private static List<Path> cases(String dir) throws IOException {
        try (Stream<Path> s = Files.list(Conformance.dir().resolve(dir))) {
            return s.sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> positiveCasesDumpAsExpected() throws IOException {
        List<Path> cases = cases("testfiles");
        assertEquals(33, cases.size(), "number of positive vectors");
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            SyntaxTree tree = LineParser.parse(read(dir.resolve("Dockerfile")));
            assertTrue(tree.problems().stream().noneMatch(Problem::isError), () -> "errors: " + tree.problems());
            String dump = tree.nodes().stream().map(n -> NodeDump.dump(n) + "\n").collect(Collectors.joining());
            assertEquals(read(dir.resolve("result")), dump);
        }));
    }

    @TestFactory
    Stream<DynamicTest> negativeCasesAreRejected() throws IOException {
        List<Path> cases = cases("testfiles-negative");
        assertEquals(4, cases.size(), "number of negative vectors");
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            String text = read(dir.resolve("Dockerfile"));
            boolean rejected;
            try {
                rejected = LineParser.parse(text).problems().stream().anyMatch(Problem::isError);
            } catch (DockerfileException e) {
                rejected = true;
            }
            assertTrue(rejected, "must be rejected");
            assertThrows(DockerfileException.class, () -> DockerfileParser.parse(text));
        }));
    }

    @Test
    void lineRangesCoverContinuationsAndComments() throws IOException {
        SyntaxTree tree = LineParser.parse(read(Conformance.dir().resolve("testfile-line/Dockerfile")));
        List<String> ranges = tree.nodes().stream().map(n -> n.range().startLine() + "-" + n.range().endLine()).toList();
        assertEquals(List.of("5-5", "11-12", "17-31"), ranges);
    }
}
