package dev.jbuild.executor.container;

import dev.jbuild.store.Ascii;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Container ids (64 hex, like docker's) and docker-style random names ("brave_turing"). */
public final class ContainerNames {
    private static final List<String> ADJECTIVES = List.of("admiring", "brave", "clever", "dazzling", "eager", "festive",
            "gallant", "happy", "inspiring", "jolly", "keen", "lucid", "modest", "nifty", "optimistic", "peaceful", "quirky",
            "relaxed", "serene", "tender", "upbeat", "vibrant", "wizardly", "xenial", "youthful", "zealous");
    private static final List<String> SURNAMES = List.of("agnesi", "babbage", "curie", "dijkstra", "euler", "feynman",
            "goldberg", "hopper", "irwin", "jackson", "knuth", "lovelace", "meitner", "noether", "ostrom", "pascal",
            "ritchie", "shannon", "thompson", "turing", "varahamihira", "wozniak", "yonath", "zuse");

    private ContainerNames() {
    }

    /**
     * 32 bytes of the kernel's random source, the one SecureRandom would read, without the security
     * providers SecureRandom sets up first (~30 ms of every run and RUN step on a small machine).
     */
    public static String newId() {
        try (InputStream random = Files.newInputStream(Path.of("/dev/urandom"))) {
            byte[] b = random.readNBytes(32);
            if (b.length != 32) {
                throw new IOException("short read");
            }
            return HexFormat.of().formatHex(b);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /dev/urandom for a container ID", e);
        }
    }

    /** A random name not in {@code taken} (names need to differ, not to be unguessable). */
    public static String newName(Set<String> taken) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; ; attempt++) {
            String name = ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "_" + SURNAMES.get(random.nextInt(SURNAMES.size()));
            if (attempt > 20) {
                name += random.nextInt(100);
            }
            if (!taken.contains(name)) {
                return name;
            }
        }
    }

    /** [a-zA-Z0-9][a-zA-Z0-9_.-]*, checked by hand: a regular expression costs a cold start milliseconds to compile. */
    private static boolean isValid(String name) {
        if (name.isEmpty() || !Ascii.isAlnum(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Ascii.isAlnum(c) && c != '_' && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    public static void checkName(String name) {
        if (!isValid(name)) {
            throw new dev.jbuild.executor.sandbox.SandboxException("invalid container name \"" + name
                    + "\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
    }
}
