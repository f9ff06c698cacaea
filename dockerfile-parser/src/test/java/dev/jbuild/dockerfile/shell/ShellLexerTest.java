package dev.jbuild.dockerfile.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pattern forms the BuildKit vectors do not cover, checked against what bash prints for them. */
class ShellLexerTest {
    private static final Variables VARS = Variables.of(Map.of(
            "path", "/usr/local/bin/tool.tar.gz", "file", "archive.tar.gz", "v", "a-b-c-b", "empty", "",
            "star", "a*b"));
    private final ShellLexer lexer = new ShellLexer('\\');

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "${file#*.}|tar.gz", "${file##*.}|gz", "${file%.*}|archive.tar", "${file%%.*}|archive",
        "${path#/usr}|/local/bin/tool.tar.gz", "${path##*/}|tool.tar.gz", "${path%/*}|/usr/local/bin",
        "${file#nomatch}|archive.tar.gz", "${file%nomatch}|archive.tar.gz", "${unset#x}|``",
        "${v/b/X}|a-X-c-b", "${v//b/X}|a-X-c-X", "${v/b-?/}|a--b", "${v//-/}|abcb", "${v/nomatch/X}|a-b-c-b",
        "${file/.tar/}|archive.gz", "${path//\\//:}|:usr:local:bin:tool.tar.gz",
        "${star#a\\*}|b", "${file#arc?}|ive.tar.gz",
        "${empty:-d}|d", "${empty-d}|``", "${unset-d}|d", "${empty:+s}|``", "${empty+s}|s", "${v:+s}|s",
    })
    void patternAndDefaultForms(String word, String expected) {
        assertEquals(expected, lexer.expandWord(word, VARS));
    }

    @Test
    void errorsSayWhy() {
        ExpansionException e = assertThrows(ExpansionException.class, () -> lexer.expandWord("${unset:?need it}", VARS));
        assertEquals("failed to process \"${unset:?need it}\": unset: need it", e.getMessage());
        assertThrows(ExpansionException.class, () -> lexer.expandWord("${v:#x}", VARS));
        assertThrows(ExpansionException.class, () -> lexer.expandWord("${v/b", VARS));
    }

    @Test
    void backtickEscape() {
        ShellLexer windowsStyle = new ShellLexer('`');
        assertEquals("C:\\dir $v", windowsStyle.expandWord("C:\\dir `$v", VARS));
        assertEquals(List.of("a b", "c"), windowsStyle.expandWords("a` b c", VARS));
    }

    @Test
    void usedVariablesAreReported() {
        Expansion e = lexer.process("$v ${unset:-$file} '$notlooked'", VARS);
        assertEquals(Set.of("v", "unset", "file"), e.used());
        assertEquals(List.of("a-b-c-b", "archive.tar.gz", "$notlooked"), e.words());
    }
}
