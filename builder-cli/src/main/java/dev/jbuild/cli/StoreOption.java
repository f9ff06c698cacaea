package dev.jbuild.cli;

import dev.jbuild.store.Store;
import dev.jbuild.store.UserDirs;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code --root DIR}: where the store is, for every command that uses it. */
public final class StoreOption {

    @Option(names = "--root", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "The store directory (default: $JBUILD_ROOT, /var/lib/jbuild as root, else $XDG_DATA_HOME/jbuild or ~/.local/share/jbuild).")
    Path root;

    public Store open() {
        return Store.open(dir());
    }

    /** For a command that only reads the store (see Store.openForReading). */
    public Store openForReading() {
        return Store.openForReading(dir());
    }

    private Path dir() {
        return (root != null ? root : UserDirs.current().store()).toAbsolutePath().normalize();
    }

}
