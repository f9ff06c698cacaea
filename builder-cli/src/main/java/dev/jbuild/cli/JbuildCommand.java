package dev.jbuild.cli;

import dev.jbuild.cli.imagebuild.BuildCommand;
import dev.jbuild.cli.container.CommitCommand;
import dev.jbuild.cli.container.DiffCommand;
import dev.jbuild.cli.container.ExecCommand;
import dev.jbuild.cli.container.PortCommand;
import dev.jbuild.cli.container.LogsCommand;
import dev.jbuild.cli.container.PsCommand;
import dev.jbuild.cli.container.RmCommand;
import dev.jbuild.cli.container.RunCommand;
import dev.jbuild.cli.container.StartCommand;
import dev.jbuild.cli.container.StopCommand;
import dev.jbuild.cli.image.HistoryCommand;
import dev.jbuild.cli.image.ImagesCommand;
import dev.jbuild.cli.image.ImportCommand;
import dev.jbuild.cli.image.InspectCommand;
import dev.jbuild.cli.image.LoadCommand;
import dev.jbuild.cli.image.SaveCommand;
import dev.jbuild.cli.registry.LoginCommand;
import dev.jbuild.cli.registry.LogoutCommand;
import dev.jbuild.cli.registry.PullCommand;
import dev.jbuild.cli.registry.PushCommand;
import dev.jbuild.cli.registry.SearchCommand;
import dev.jbuild.cli.image.ImageCommand;
import dev.jbuild.cli.system.InfoCommand;
import dev.jbuild.cli.system.SystemCommand;
import dev.jbuild.cli.image.RmiCommand;
import dev.jbuild.cli.image.TagCommand;
import dev.jbuild.cli.unshare.UnshareCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code jbuild} command: global options and the subcommands. */
@Command(name = "jbuild",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Build, run and push container images without a daemon and without root.",
        footer = {"", "Run 'jbuild help COMMAND' for more information on a command."})
public final class JbuildCommand implements Runnable {
    /**
     * The subcommands by name, in the order help lists them. Main builds the model of the one a command
     * line names, and every one for help; the names are written out here (JbuildCommandTest checks them
     * against the annotations) because reading each class's annotations costs start-up time.
     */
    static final Map<String, Class<?>> COMMANDS = new LinkedHashMap<>();
    /** The commands that work on the model of every command (help lists them, completion names their options). */
    static final Set<String> OVER_EVERY_COMMAND = Set.of("help", "completion");

    static {
        COMMANDS.put("build", BuildCommand.class);
        COMMANDS.put("run", RunCommand.class);
        COMMANDS.put("ps", PsCommand.class);
        COMMANDS.put("start", StartCommand.class);
        COMMANDS.put("stop", StopCommand.class);
        COMMANDS.put("rm", RmCommand.class);
        COMMANDS.put("exec", ExecCommand.class);
        COMMANDS.put("port", PortCommand.class);
        COMMANDS.put("logs", LogsCommand.class);
        COMMANDS.put("diff", DiffCommand.class);
        COMMANDS.put("commit", CommitCommand.class);
        COMMANDS.put("images", ImagesCommand.class);
        COMMANDS.put("import", ImportCommand.class);
        COMMANDS.put("pull", PullCommand.class);
        COMMANDS.put("push", PushCommand.class);
        COMMANDS.put("login", LoginCommand.class);
        COMMANDS.put("logout", LogoutCommand.class);
        COMMANDS.put("search", SearchCommand.class);
        COMMANDS.put("save", SaveCommand.class);
        COMMANDS.put("load", LoadCommand.class);
        COMMANDS.put("copy", dev.jbuild.cli.copy.CopyCommand.class);
        COMMANDS.put("tag", TagCommand.class);
        COMMANDS.put("rmi", RmiCommand.class);
        COMMANDS.put("inspect", InspectCommand.class);
        COMMANDS.put("history", HistoryCommand.class);
        COMMANDS.put("image", ImageCommand.class);
        COMMANDS.put("manifest", dev.jbuild.cli.manifest.ManifestCommand.class);
        COMMANDS.put("sbom", dev.jbuild.cli.attest.SbomCommand.class);
        COMMANDS.put("provenance", dev.jbuild.cli.attest.ProvenanceCommand.class);
        COMMANDS.put("system", SystemCommand.class);
        COMMANDS.put("info", InfoCommand.class);
        COMMANDS.put("unshare", UnshareCommand.class);
        COMMANDS.put("completion", CompletionCommand.class);
        COMMANDS.put("help", HelpCommand.class);
    }

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print stack traces with errors.")
    boolean debug;

    @picocli.CommandLine.Mixin
    StoreOption storeOption;

    @picocli.CommandLine.Mixin
    IsolationOption isolationOption;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The store, opened (and created when new) where --root or the defaults say. */
    public dev.jbuild.store.Store store() {
        return storeOption.open();
    }

    /** The store for a command that only reads it: images, inspect, history (see Store.openForReading). */
    public dev.jbuild.store.Store storeForReading() {
        return storeOption.openForReading();
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
