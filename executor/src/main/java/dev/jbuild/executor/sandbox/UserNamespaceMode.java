package dev.jbuild.executor.sandbox;

import dev.jbuild.store.fs.UnmappedIdException;
import java.util.Map;

/** How the launcher mapped ids (JBUILD_USERNS): a subuid range, the caller's uid alone, or real root. */
public enum UserNamespaceMode {
    FULL, SINGLE, ROOT;

    public static UserNamespaceMode of(Map<String, String> env) {
        return switch (env.getOrDefault("JBUILD_USERNS", "")) {
            case "single" -> SINGLE;
            case "root" -> ROOT;
            default -> FULL;
        };
    }

    String unmappedMessage(long uid, long gid) {
        return "cannot run as " + uid + ":" + gid + ": " + UnmappedIdException.howToMap();
    }
}
