package dev.jbuild.dockerfile.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.dockerfile.DockerfileException;
import dev.jbuild.dockerfile.DockerfileParser;
import dev.jbuild.dockerfile.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Heredoc rules restated from BuildKit's parser_heredoc_test.go (shared/conformance/OTHER-SOURCES.md). */
class HeredocTest {

    private static Node only(String dockerfile) {
        SyntaxTree tree = LineParser.parse(dockerfile);
        assertTrue(tree.problems().stream().noneMatch(Problem::isError), tree.problems()::toString);
        return tree.nodes().get(tree.nodes().size() - 1);
    }

    @Test
    void bodyIsTheLinesBeforeTheTerminator() {
        Node run = only("FROM busybox\nRUN <<EOF\necho hello\n# not a comment\necho world # kept\nEOF\n");
        assertEquals(1, run.heredocs().size());
        Heredoc doc = run.heredocs().get(0);
        assertEquals("EOF", doc.name());
        assertEquals("echo hello\n# not a comment\necho world # kept\n", doc.content());
        assertTrue(doc.expand());
        assertEquals(2, run.range().startLine());
        assertEquals(6, run.range().endLine());
        assertEquals(List.of("<<EOF"), run.args());
    }

    @Test
    void emptyBody() {
        assertEquals("", only("FROM a\nRUN <<EOF\nEOF\n").heredocs().get(0).content());
    }

    @Test
    void severalHeredocsAreReadInOrder() {
        Node copy = only("FROM a\nCOPY <<X <<Y /dest\nY\nX\nX\nY\n");
        assertEquals(List.of("X", "Y"), copy.heredocs().stream().map(Heredoc::name).toList());
        assertEquals("Y\n", copy.heredocs().get(0).content());
        assertEquals("X\n", copy.heredocs().get(1).content());
    }

    @Test
    void chompAllowsTabIndentedTerminatorAndStripsTabsOnUse() {
        Node run = only("FROM a\nRUN <<-EOF\n\thello\n\tworld\n\tEOF\n");
        Heredoc doc = run.heredocs().get(0);
        assertTrue(doc.chomp());
        assertEquals("\thello\n\tworld\n", doc.content());
        assertEquals("hello\nworld\n", doc.effectiveContent());
    }

    @ParameterizedTest(name = "{0} -> name {1}, expand {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "<<EOF|EOF|true", "<<-EOF|EOF|true", "3<<EOF|EOF|true", "<< EOF|EOF|true", "<<- EOF|EOF|true",
        "<< -EOF|-EOF|true", "<<'NOEXPAND'|NOEXPAND|false", "<<\"EOF\"|EOF|false", "<<eo'f'|eof|false",
        "<<'e'o\\'f|eo'f|false", "<<'one two'|one two|false", "<<eo\\'f|eo'f|true", "<<$EOF|$EOF|true",
    })
    void operatorForms(String operator, String name, boolean expand) {
        Node run = only("FROM a\nRUN cat " + operator + "\nbody\n" + name + "\n");
        assertEquals(1, run.heredocs().size(), operator);
        assertEquals(name, run.heredocs().get(0).name());
        assertEquals(expand, run.heredocs().get(0).expand());
        assertEquals("body\n", run.heredocs().get(0).content());
    }

    @Test
    void fileDescriptorIsKept() {
        assertEquals(3, only("FROM a\nRUN cat 3<<EOF\nx\nEOF\n").heredocs().get(0).fileDescriptor());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RUN echo <<", "RUN echo <<-", "RUN cat <EOF", "RUN cat <<<EOF", "RUN echo EOF",
        "RUN [\"<<EOF\"]", "USER <<X", "RUN \"<<EOF\"", "RUN '<<EOF'", "CMD <<EOF"})
    void notHeredocs(String line) {
        SyntaxTree tree = LineParser.parse("FROM a\n" + line + "\nEOF\n");
        assertTrue(tree.nodes().get(1).heredocs().isEmpty());
        assertEquals(3, tree.nodes().size(), "the next line stays an ordinary line");
    }

    @Test
    void onbuildInnerInstructionMayHaveHeredoc() {
        Node onbuild = only("FROM a\nONBUILD RUN <<EOF\necho hi\nEOF\n");
        assertEquals("echo hi\n", onbuild.heredocs().get(0).content());
    }

    @ParameterizedTest
    @ValueSource(strings = {"<<'EOF", "<<EOF\""})
    void unbalancedQuotesInNameAreErrors(String operator) {
        SyntaxTree tree = LineParser.parse("FROM a\nRUN cat " + operator + "\nx\nEOF\n");
        assertTrue(tree.problems().stream().anyMatch(p -> p.isError() && p.line() == 2), tree.problems()::toString);
    }

    @Test
    void unterminatedHeredocNamesItsLine() {
        Problem p = LineParser.parse("FROM a\n\nRUN <<EOF\necho hi\n").problems().get(0);
        assertTrue(p.isError());
        DockerfileException e = assertThrows(DockerfileException.class,
                () -> DockerfileParser.parse("FROM a\n\nRUN <<EOF\necho hi\n"));
        assertEquals(3, e.line());
        assertTrue(e.reason().contains("unterminated heredoc"), e.reason());
        assertFalse(e.describe("Dockerfile").contains("\n"));
    }
}
