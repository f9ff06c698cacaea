package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * QuickCommandLine against picocli itself: for every command, lines using each of its options and
 * positionals (and the global options before and after the command) leave the same fields, and what
 * picocli would refuse is left to picocli.
 */
class QuickCommandLineTest {

    @Test
    void everyOptionOfEveryCommandIsReadAsPicocliReadsIt() throws Exception {
        int compared = 0;
        for (var e : JbuildCommand.COMMANDS.entrySet()) {
            String name = e.getKey();
            if (JbuildCommand.OVER_EVERY_COMMAND.contains(name)) {
                continue;
            }
            CommandSpec spec = CommandSpec.forAnnotatedObject(e.getValue().getDeclaredConstructor().newInstance());
            if (!spec.subcommands().isEmpty()) {
                continue; // image, system: picocli's
            }
            List<String> positionals = samplePositionals(spec);
            List<List<String>> lines = new ArrayList<>();
            lines.add(line(List.of(name), positionals));
            lines.add(line(List.of("--debug", "--root", "/r", "--isolation=chroot", name), positionals));
            lines.add(line(List.of(name, "--debug", "--root=/r"), positionals));
            for (OptionSpec o : spec.options()) {
                if (o.usageHelp() || o.versionHelp()) {
                    continue;
                }
                for (String optionName : o.names()) {
                    List<String> words = new ArrayList<>(List.of(name));
                    words.addAll(use(o, optionName));
                    if (o.isMultiValue()) {
                        words.addAll(use(o, optionName));
                    }
                    lines.add(line(words, positionals));
                }
            }
            for (List<String> line : lines) {
                assertSameFields(name, line);
                compared++;
            }
        }
        assertTrue(compared > 150, "lines compared: " + compared);
    }

    @Test
    void whatPicocliRefusesOrExplainsIsLeftToIt() throws Exception {
        for (String[] line : List.of(new String[] {"tag", "a"}, new String[] {"images", "--frob"}, new String[] {"images", "-q", "-q"},
                new String[] {"images", "--help"}, new String[] {"--version"}, new String[] {"help", "images"}, new String[] {"frob"},
                new String[] {"images", "--format"}, new String[] {"images", "--format", "--digests"}, new String[] {"images", "--", "x"},
                new String[] {"system", "df"}, new String[] {"completion"}, new String[] {"images", "a", "b"},
                new String[] {"build", "-tapp"}, new String[] {"push", "--tls-verify", "maybe", "a"}, new String[] {"rm"})) {
            assertEquals(Optional.empty(), QuickCommandLine.parse(line), String.join(" ", line));
        }
    }

    @Test
    void everythingAfterTheImageIsTheCommandsAsPicocliHasIt() throws Exception {
        assertSameFields("run", List.of("run", "--rm", "-it", "bb", "sh", "-c", "ls -l", "--rm"));
        assertSameFields("exec", List.of("exec", "-i", "c1", "ls", "-la"));
        assertSameFields("unshare", List.of("unshare", "ls", "-la"));
        assertSameFields("build", List.of("build", ".", "-t", "a", "--tag", "b", "-q", "--build-arg", "X=-1", "-f", "-"));
    }

    private static List<String> line(List<String> words, List<String> positionals) {
        List<String> all = new ArrayList<>(words);
        all.addAll(positionals);
        return all;
    }

    /** The option once, with a value of its type where it takes one. */
    private static List<String> use(OptionSpec o, String name) {
        Class<?> type = o.isMultiValue() ? o.auxiliaryTypes()[0] : o.type();
        if (o.arity().max == 0) {
            return List.of(name);
        }
        String value = type == boolean.class || type == Boolean.class ? "false" : type == int.class ? "7" : type == Path.class ? "/some/path" : "v=1";
        return name.startsWith("--") ? List.of(name + "=" + value) : List.of(name, value);
    }

    private static List<String> samplePositionals(CommandSpec spec) {
        List<String> values = new ArrayList<>();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            for (int i = 0; i < Math.max(1, p.arity().min); i++) {
                values.add("p" + values.size());
            }
        }
        return values;
    }

    private static void assertSameFields(String name, List<String> line) throws Exception {
        String[] args = line.toArray(String[]::new);
        QuickCommandLine.Parsed quick = QuickCommandLine.parse(args).orElseThrow(() -> new AssertionError("declined: " + line));
        JbuildCommand top = new JbuildCommand();
        CommandLine picocli = new CommandLine(top);
        Object command = JbuildCommand.COMMANDS.get(name).getDeclaredConstructor().newInstance();
        picocli.addSubcommand(name, command);
        Main.stopAtPositional(picocli);
        picocli.parseArgs(args);
        assertEquals(fields(top), fields(quick.top()), "global options of " + line);
        assertEquals(fields(command), fields(quick.command()), String.join(" ", line));
    }

    /** The values of an object's annotated fields (mixins: theirs), parents and specs left out. */
    private static List<String> fields(Object o) throws IllegalAccessException {
        List<String> out = new ArrayList<>();
        for (Field f : o.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || f.isAnnotationPresent(CommandLine.ParentCommand.class)
                    || f.isAnnotationPresent(CommandLine.Spec.class)) {
                continue;
            }
            f.setAccessible(true);
            Object value = f.get(o);
            if (f.isAnnotationPresent(CommandLine.Mixin.class)) {
                out.add(f.getName() + "=" + fields(value));
            } else if (f.isAnnotationPresent(CommandLine.Option.class) || f.isAnnotationPresent(CommandLine.Parameters.class)) {
                out.add(f.getName() + "=" + (value instanceof Object[] a ? Arrays.toString(a) : value));
            }
        }
        return out;
    }
}
