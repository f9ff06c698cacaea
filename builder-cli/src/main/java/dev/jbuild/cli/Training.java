package dev.jbuild.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run of bin/jbuild's class-data archive, in one JVM rather than one per command (a
 * JVM's start is most of a quick command's time): runs each command line given, lines separated by a
 * lone {@code ;}, as jbuild would. In a word, {@code @registry} stands for the address of a loopback
 * registry the training runs ({@link TrainingRegistry}). How a line ends does not matter: one that fails
 * (a RUN in an image without programs) has loaded its classes all the same.
 */
public final class Training {
    private Training() {
    }

    public static void main(String[] args) {
        TrainingRegistry registry = startRegistry();
        String address = registry == null ? null : registry.address();
        List<String> line = new ArrayList<>();
        for (String word : args) {
            if (word.equals(";")) {
                run(line, address);
                line.clear();
            } else {
                line.add(word);
            }
        }
        run(line, address);
        if (registry != null) {
            registry.close();
        }
        System.exit(0); // threads a command started (the HTTP clients' keep-alive threads) need not be waited for
    }

    /** Null where nothing can listen on loopback: the registry's lines are left out, the rest is trained. */
    private static TrainingRegistry startRegistry() {
        try {
            return new TrainingRegistry();
        } catch (IOException | LinkageError e) { // a runtime without the JDK's HTTP server, too
            System.err.println("training: no loopback registry: " + e);
            return null;
        }
    }

    /** Runs a line, its @registry replaced by {@code registry}'s address; none: a line naming it is left out. */
    private static void run(List<String> line, String registry) {
        List<String> words = new ArrayList<>();
        for (String word : line) {
            if (word.contains("@registry")) {
                if (registry == null) {
                    return;
                }
                word = word.replace("@registry", registry);
            }
            words.add(word);
        }
        if (words.isEmpty()) {
            return;
        }
        try {
            Main.run(words.toArray(String[]::new));
        } catch (RuntimeException e) {
            System.err.println("training: " + String.join(" ", line) + ": " + e);
        }
    }
}
