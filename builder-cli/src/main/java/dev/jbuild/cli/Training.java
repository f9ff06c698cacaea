package dev.jbuild.cli;

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

    public static void main(String[] args) throws java.io.IOException {
        try (TrainingRegistry registry = new TrainingRegistry()) {
            List<String> line = new ArrayList<>();
            for (String word : args) {
                if (word.equals(";")) {
                    run(line);
                    line.clear();
                } else {
                    line.add(word.replace("@registry", registry.address()));
                }
            }
            run(line);
        }
        System.exit(0); // threads a command started (okhttp's pools) need not be waited for
    }

    private static void run(List<String> line) {
        if (line.isEmpty()) {
            return;
        }
        try {
            Main.run(line.toArray(String[]::new));
        } catch (RuntimeException e) {
            System.err.println("training: " + String.join(" ", line) + ": " + e);
        }
    }
}
