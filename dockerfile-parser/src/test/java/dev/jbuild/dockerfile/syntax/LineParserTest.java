package dev.jbuild.dockerfile.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.dockerfile.DockerfileException;
import dev.jbuild.dockerfile.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineParserTest {

    @Test
    void crlfEndingsAndBomAreAccepted() {
        SyntaxTree tree = LineParser.parse("\uFEFFFROM a\r\nRUN echo \\\r\n  hi\r\n");
        assertEquals(List.of("echo   hi"), tree.nodes().get(1).args());
        assertEquals(2, tree.nodes().size());
    }

    @Test
    void directivesOnlyAtTheTop() {
        SyntaxTree tree = LineParser.parse("# syntax=docker/dockerfile:1\n# escape=`\n# check=skip=all\nFROM a\nRUN a `\n b\n");
        assertEquals('`', tree.directives().escape());
        assertEquals("docker/dockerfile:1", tree.directives().syntax().orElseThrow());
        assertEquals("skip=all", tree.directives().check().orElseThrow());
        assertEquals(List.of("a  b"), tree.nodes().get(1).args());

        SyntaxTree late = LineParser.parse("FROM a\n# escape=`\nRUN a \\\n b\n");
        assertEquals('\\', late.directives().escape());
    }

    @Test
    void badDirectivesAreErrors() {
        assertThrows(DockerfileException.class, () -> LineParser.parse("# escape=x\nFROM a\n"));
        DockerfileException twice = assertThrows(DockerfileException.class,
                () -> LineParser.parse("# escape=`\n# escape=`\nFROM a\n"));
        assertEquals(2, twice.line());
    }

    @Test
    void emptyContinuationLineIsAWarning() {
        SyntaxTree tree = LineParser.parse("FROM a\nRUN echo a \\\n\n  b\n");
        assertEquals(List.of("echo a   b"), tree.nodes().get(1).args());
        Problem p = tree.problems().get(0);
        assertEquals(Problem.Severity.WARNING, p.severity());
        assertEquals(2, p.line());
    }

    @Test
    void instructionErrorsAreCollectedAndParsingGoesOn() {
        SyntaxTree tree = LineParser.parse("FROM a\nENV PATH\nCMD [\"a\", [\"b\"]]\nRUN ok\n");
        assertEquals(List.of(2, 3), tree.problems().stream().map(Problem::line).toList());
        assertEquals(2, tree.nodes().size());
    }

    @Test
    void noInstructionsIsAnError() {
        assertThrows(DockerfileException.class, () -> LineParser.parse(""));
        assertThrows(DockerfileException.class, () -> LineParser.parse("# only\n\n  # comments\n"));
    }

    @Test
    void unknownInstructionKeepsItsLine() {
        Node n = LineParser.parse("FROM a\n\nFOO bar\n").nodes().get(1);
        assertEquals("foo", n.keyword());
        assertEquals(3, n.line());
    }
}
