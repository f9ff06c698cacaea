package dev.jbuild.cli.progress;

import dev.jbuild.store.copy.BlobWords;
import dev.jbuild.store.copy.CopyProgress;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Where a command that moves blobs (pull, push, copy) shows its lines and its progress: standard output, or
 * nowhere under -q. Errors still reach stderr: the error reporter prints them.
 */
public final class CommandOutput {
    /** Where quiet output goes. */
    public static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    private final PrintStream lines;
    private final CopyProgress progress;

    private CommandOutput(PrintStream lines, CopyProgress progress) {
        this.lines = lines;
        this.progress = progress;
    }

    public static CommandOutput of(boolean quiet, BlobWords words) {
        return quiet ? new CommandOutput(NOWHERE, CopyProgress.NONE)
                : new CommandOutput(System.out, TerminalProgress.forOutput(System.out, words));
    }

    public PrintStream lines() {
        return lines;
    }

    public CopyProgress progress() {
        return progress;
    }
}
