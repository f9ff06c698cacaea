package dev.jbuild.dockerfile.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jbuild.dockerfile.Conformance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** BuildKit's envVarTest and wordsTest vectors. */
class ShellConformanceTest {
    private final ShellLexer lexer = new ShellLexer('\\');

    private static List<String> lines(String name) throws IOException {
        return Files.readAllLines(Conformance.dir().resolve("shell").resolve(name), StandardCharsets.UTF_8);
    }

    @TestFactory
    List<DynamicTest> envVarTest() throws IOException {
        Map<String, String> env = Map.of("PWD", "/home", "SHELL", "bash", "KOREAN", "\ud55c\uad6d\uc5b4", "NULL", "");
        List<DynamicTest> tests = new ArrayList<>();
        for (String raw : lines("envVarTest")) {
            if (raw.startsWith("#") || raw.trim().isEmpty()) {
                continue;
            }
            String[] f = raw.trim().split("\\|", -1);
            assertEquals(3, f.length, raw);
            String platform = f[0].trim();
            if (platform.equals("W")) {
                continue;
            }
            String input = f[1].trim();
            String expected = f[2].trim();
            tests.add(DynamicTest.dynamicTest(tests.size() + ": " + input, () -> {
                if (expected.equals("error")) {
                    assertThrows(ExpansionException.class, () -> lexer.expandWord(input, Variables.of(env)));
                } else {
                    assertEquals(expected, lexer.expandWord(input, Variables.of(env)));
                }
            }));
        }
        assertEquals(228, tests.size(), "vectors run");
        return tests;
    }

    @TestFactory
    List<DynamicTest> wordsTest() throws IOException {
        Map<String, String> env = new HashMap<>();
        List<DynamicTest> tests = new ArrayList<>();
        for (String raw : lines("wordsTest")) {
            if (raw.startsWith("#")) {
                continue;
            }
            if (raw.startsWith("ENV ")) {
                String def = raw.substring(4).replaceFirst("^ +", "");
                int eq = def.indexOf('=');
                env.put(def.substring(0, eq), def.substring(eq + 1));
                continue;
            }
            int bar = raw.indexOf('|');
            String input = raw.substring(0, bar).trim();
            String expectedText = raw.substring(bar + 1).replaceFirst("^ +", "");
            Map<String, String> snapshot = Map.copyOf(env);
            tests.add(DynamicTest.dynamicTest(tests.size() + ": " + input, () -> {
                if (expectedText.equals("error")) {
                    assertThrows(ExpansionException.class, () -> lexer.expandWords(input, Variables.of(snapshot)));
                } else {
                    assertEquals(Arrays.asList(expectedText.split(",", -1)), lexer.expandWords(input, Variables.of(snapshot)));
                }
            }));
        }
        assertEquals(24, tests.size(), "vectors run");
        return tests;
    }
}
