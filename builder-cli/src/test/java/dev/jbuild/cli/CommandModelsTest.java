package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** Every command's generated model is the one picocli builds from the annotations, attribute by attribute. */
class CommandModelsTest {

    @Test
    void everyGeneratedModelEqualsPicocliReadingOfTheAnnotations() throws ReflectiveOperationException {
        JbuildCommand annotatedTop = new JbuildCommand();
        JbuildCommand generatedTop = new JbuildCommand();
        CommandLine annotated = new CommandLine(annotatedTop);
        CommandLine generated = new CommandLine(CommandModels.of(generatedTop, null));
        for (var e : JbuildCommand.COMMANDS.entrySet()) {
            if (e.getKey().equals("help")) {
                continue; // picocli's own command, modelled by picocli either way
            }
            Class.forName(e.getValue().getName() + "Model"); // generated: no command falls back to reading annotations
            annotated.addSubcommand(e.getKey(), e.getValue().getDeclaredConstructor().newInstance());
            generated.addSubcommand(e.getKey(), new CommandLine(CommandModels.of(e.getValue().getDeclaredConstructor().newInstance(), generatedTop)));
        }
        assertSame(annotated, generated);
    }

    private static void assertSame(CommandLine annotated, CommandLine generated) {
        String name = annotated.getCommandSpec().qualifiedName();
        assertEquals(describe(annotated.getCommandSpec()), describe(generated.getCommandSpec()), name);
        if (!name.equals("jbuild run")) { // picocli drops --help where -h is taken; the models keep it
            assertEquals(annotated.getUsageMessage(), generated.getUsageMessage(), name);
        }
        assertEquals(annotated.getSubcommands().keySet(), generated.getSubcommands().keySet(), name);
        annotated.getSubcommands().forEach((sub, cli) -> assertSame(cli, generated.getSubcommands().get(sub)));
    }

    private static List<String> describe(CommandSpec spec) {
        List<String> lines = new ArrayList<>();
        lines.add("name " + spec.name() + " description " + List.of(spec.usageMessage().description())
                + " footer " + List.of(spec.usageMessage().footer()) + " version " + (spec.versionProvider() == null ? null : spec.versionProvider().getClass()));
        for (OptionSpec o : spec.options()) {
            if (o.usageHelp() || o.versionHelp()) {
                continue;
            }
            lines.add("option " + List.of(o.names()) + " " + arg(o) + " scope " + o.scopeType() + " inherited " + o.inherited());
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            lines.add("positional index " + p.index() + " " + arg(p));
        }
        return lines;
    }

    private static String arg(ArgSpec a) {
        return "label " + a.paramLabel() + " arity " + a.arity() + " required " + a.required() + " type " + a.type().getName()
                + " aux " + List.of(a.auxiliaryTypes()) + " default " + a.defaultValue() + " initial " + a.initialValue()
                + " hidden " + a.hidden() + " split " + a.splitRegex() + " description " + List.of(a.description());
    }
}
