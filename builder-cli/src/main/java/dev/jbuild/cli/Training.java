package dev.jbuild.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
        Optional<TrainingRegistry> registry = startRegistry();
        List<String> line = new ArrayList<>();
        for (String word : args) {
            if (word.equals(";")) {
                run(line, registry);
                line.clear();
            } else {
                line.add(word);
            }
        }
        run(line, registry);
        registry.ifPresent(TrainingRegistry::close);
        System.exit(0); // threads a command started (okhttp's pools) need not be waited for
    }

    /** None where nothing can listen on loopback: the registry's lines are left out, the rest is trained. */
    private static Optional<TrainingRegistry> startRegistry() {
        try {
            return Optional.of(new TrainingRegistry());
        } catch (IOException | LinkageError e) { // a runtime without the JDK's HTTP server, too
            System.err.println("training: no loopback registry: " + e);
            return Optional.empty();
        }
    }

    private static void run(List<String> line, Optional<TrainingRegistry> registry) {
        boolean needsRegistry = line.stream().anyMatch(word -> word.contains("@registry"));
        if (line.isEmpty() || (needsRegistry && registry.isEmpty())) {
            return;
        }
        String[] words = line.stream().map(word -> registry.map(r -> word.replace("@registry", r.address())).orElse(word))
                .toArray(String[]::new);
        try {
            Main.run(words);
        } catch (RuntimeException e) {
            System.err.println("training: " + String.join(" ", line) + ": " + e);
        }
    }
}
