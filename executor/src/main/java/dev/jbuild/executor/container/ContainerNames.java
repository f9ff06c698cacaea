package dev.jbuild.executor.container;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Container ids (64 hex, like docker's) and docker-style random names ("brave_turing"). */
public final class ContainerNames {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final List<String> ADJECTIVES = List.of("admiring", "brave", "clever", "dazzling", "eager", "festive",
            "gallant", "happy", "inspiring", "jolly", "keen", "lucid", "modest", "nifty", "optimistic", "peaceful", "quirky",
            "relaxed", "serene", "tender", "upbeat", "vibrant", "wizardly", "xenial", "youthful", "zealous");
    private static final List<String> SURNAMES = List.of("agnesi", "babbage", "curie", "dijkstra", "euler", "feynman",
            "goldberg", "hopper", "irwin", "jackson", "knuth", "lovelace", "meitner", "noether", "ostrom", "pascal",
            "ritchie", "shannon", "thompson", "turing", "varahamihira", "wozniak", "yonath", "zuse");

    private ContainerNames() {
    }

    public static String newId() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** A random name not in {@code taken}. */
    public static String newName(Set<String> taken) {
        for (int attempt = 0; ; attempt++) {
            String name = ADJECTIVES.get(RANDOM.nextInt(ADJECTIVES.size())) + "_" + SURNAMES.get(RANDOM.nextInt(SURNAMES.size()));
            if (attempt > 20) {
                name += RANDOM.nextInt(100);
            }
            if (!taken.contains(name)) {
                return name;
            }
        }
    }

    public static void checkName(String name) {
        if (!VALID.matcher(name).matches()) {
            throw new dev.jbuild.executor.sandbox.SandboxException("invalid container name \"" + name
                    + "\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
    }
}
