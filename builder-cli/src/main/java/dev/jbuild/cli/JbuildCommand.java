package dev.jbuild.cli;

import dev.jbuild.cli.imagebuild.BuildCommand;
import dev.jbuild.cli.container.CommitCommand;
import dev.jbuild.cli.container.DiffCommand;
import dev.jbuild.cli.container.ExecCommand;
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
import java.util.List;
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
     * The subcommands, in the order help lists them. Main registers only the one a command line names
     * (building every command's model from its annotations costs ~0.3 s of start-up), all for help.
     */
    static final List<Class<?>> COMMANDS = List.of(BuildCommand.class, RunCommand.class, PsCommand.class, StartCommand.class, StopCommand.class,
            RmCommand.class, ExecCommand.class, LogsCommand.class, DiffCommand.class, CommitCommand.class, ImagesCommand.class, ImportCommand.class, PullCommand.class, PushCommand.class, LoginCommand.class, LogoutCommand.class, SearchCommand.class, SaveCommand.class, LoadCommand.class, dev.jbuild.cli.copy.CopyCommand.class, TagCommand.class, RmiCommand.class,
            InspectCommand.class, HistoryCommand.class, ImageCommand.class, SystemCommand.class, InfoCommand.class, UnshareCommand.class, CompletionCommand.class, HelpCommand.class);

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

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
