package dev.jbuild.cli.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.cli.codegen.fixture.ChildCommand;
import dev.jbuild.cli.codegen.fixture.ChildCommandModel;
import dev.jbuild.cli.codegen.fixture.GrandchildCommand;
import dev.jbuild.cli.codegen.fixture.HostnameCommand;
import dev.jbuild.cli.codegen.fixture.HostnameCommandModel;
import dev.jbuild.cli.codegen.fixture.TopCommand;
import dev.jbuild.cli.codegen.fixture.TopCommandModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The generated models against picocli's own reading of the same annotations (the fixtures went through the processor). */
class GeneratedModelTest {

    /** Top with child (and grandchild) as picocli builds it from the annotations. */
    private static CommandLine annotated(TopCommand top, ChildCommand child) {
        CommandLine cli = new CommandLine(top);
        cli.addSubcommand("child", child);
        return cli;
    }

    private static CommandLine generated(TopCommand top, ChildCommand child) {
        CommandLine cli = new CommandLine(TopCommandModel.spec(top, null));
        cli.addSubcommand("child", new CommandLine(ChildCommandModel.spec(child, top)));
        return cli;
    }

    @Test
    void helpReadsTheSameAtEveryLevel() {
        CommandLine a = annotated(new TopCommand(), new ChildCommand());
        CommandLine g = generated(new TopCommand(), new ChildCommand());
        assertEquals(a.getUsageMessage(), g.getUsageMessage());
        assertEquals(a.getSubcommands().get("child").getUsageMessage(), g.getSubcommands().get("child").getUsageMessage());
        assertEquals(a.getSubcommands().get("child").getSubcommands().get("grandchild").getUsageMessage(),
                g.getSubcommands().get("child").getSubcommands().get("grandchild").getUsageMessage());
        assertTrue(g.getSubcommands().get("child").getUsageMessage().contains("Default table."));
    }

    @Test
    void aCommandLineFillsTheSameFields() {
        String[] args = {"--root", "/r", "child", "--debug", "-t", "a", "--tag=b", "--count", "5", "--tls-verify", "false",
            "-q", "--list", "x,y", "--hidden-one", "h", "img", "r1", "r2"};
        TopCommand aTop = new TopCommand();
        ChildCommand a = new ChildCommand();
        TopCommand gTop = new TopCommand();
        ChildCommand g = new ChildCommand();
        assertEquals(7, annotated(aTop, a).execute(args));
        CommandLine generated = generated(gTop, g);
        assertEquals(7, generated.execute(args));
        for (ChildCommand c : List.of(a, g)) {
            assertEquals(List.of("a", "b"), c.tags);
            assertEquals("table", c.format);
            assertEquals(5, c.count);
            assertEquals(false, c.tlsVerify);
            assertEquals(true, c.quiet);
            assertEquals(List.of("x", "y"), c.list);
            assertEquals("h", c.hiddenOne);
            assertEquals("img", c.image);
            assertEquals(List.of("r1", "r2"), c.rest);
        }
        assertSame(gTop, g.top);
        assertEquals(aTop.debug, gTop.debug);
        assertEquals(Path.of("/r"), gTop.global.root);
        assertSame(generated.getCommandSpec(), gTop.spec);
    }

    @Test
    void withoutOptionsFieldsKeepTheirInitialValuesAndDefaults() {
        ChildCommand g = new ChildCommand();
        generated(new TopCommand(), g).execute("child", "img");
        assertEquals(List.of(), g.tags);
        assertEquals("table", g.format);
        assertEquals(3, g.count);
        assertEquals(true, g.tlsVerify);
        assertNull(g.list);
    }

    @Test
    void nestedSubcommandsGetTheirParent() {
        ChildCommand child = new ChildCommand();
        CommandLine g = generated(new TopCommand(), child);
        g.execute("child", "img", "grandchild", "n", "m1", "m2");
        GrandchildCommand grandchild = (GrandchildCommand) g.getSubcommands().get("child").getSubcommands().get("grandchild")
                .getCommandSpec().userObject();
        assertSame(child, grandchild.child);
        assertEquals("n", grandchild.name);
        assertEquals(List.of("m1", "m2"), grandchild.more);
        assertEquals(2, g.execute("child", "img", "grandchild"), "a positional without arity is required");
    }

    @Test
    void aCommandWithItsOwnDashHKeepsItAndStillHasHelp() {
        HostnameCommand command = new HostnameCommand();
        CommandLine g = new CommandLine(HostnameCommandModel.spec(command, null));
        assertEquals(0, g.execute("-h", "box"));
        assertEquals("box", command.hostname);
        String usage = g.getUsageMessage();
        assertTrue(usage.contains("-h, --hostname=<hostname>"), usage);
        assertTrue(usage.contains("    --help"), usage);
        assertTrue(usage.contains("-V, --version"), usage);
    }
}
