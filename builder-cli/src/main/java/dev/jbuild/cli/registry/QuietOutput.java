package dev.jbuild.cli.registry;

import java.io.OutputStream;
import java.io.PrintStream;

/** Where a command's lines go under -q: nowhere (errors still reach stderr, as the error reporter prints them). */
final class QuietOutput {
    static final PrintStream STREAM = new PrintStream(OutputStream.nullOutputStream());

    private QuietOutput() {
    }
}
