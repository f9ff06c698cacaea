package dev.jbuild.store.fs;

import java.io.IOException;
import java.nio.file.Path;

/** A chown to an id this user namespace does not map: jbuild runs with a single-uid mapping. */
public final class UnmappedIdException extends IOException {
    private static final long serialVersionUID = 1L;

    public UnmappedIdException(Path path, long uid, long gid) {
        super("cannot give " + path.getFileName() + " the owner " + uid + ":" + gid + ": " + howToMap());
    }

    /** Why only uid 0 exists, and the command that adds a subordinate id range. */
    public static String howToMap() {
        String user = System.getenv().getOrDefault("JBUILD_CALLER", "$USER");
        return "only uid 0 is mapped because " + user + " has no subordinate id range; add one (as root): "
                + "usermod --add-subuids 100000-165535 --add-subgids 100000-165535 " + user;
    }
}
