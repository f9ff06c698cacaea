package dev.jbuild.executor.imagebuild;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.jbuild.dockerfile.SecretNames;
import dev.jbuild.store.Store;
import dev.jbuild.store.oci.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * --explain-cache: remembers the inputs of each step slot (a Dockerfile's stage and step number in
 * one context) and, on a miss, names what differs from the last build of that slot.
 */
final class CacheExplainer {
    private static final JsonFactory JSON = new JsonFactory();
    /** What a value kept as its digest starts with. */
    private static final String SECRET = "hidden ";
    private final Path dir;
    private final Store store;

    CacheExplainer(Store store) {
        this.store = store;
        this.dir = store.root().resolve("cache-inputs");
    }

    /** Records the inputs this build used for the slot, as {@link #kept} has them. */
    void remember(String slot, StepKey key) throws IOException {
        Files.createDirectories(dir);
        Path tmp = store.temp().create("inputs");
        // jackson-core's generator: every build remembers every step, and databind costs ~80 ms to start
        try (JsonGenerator g = JSON.createGenerator(Files.newOutputStream(tmp))) {
            g.writeStartArray();
            for (StepKey.Part part : kept(key)) {
                g.writeStartObject();
                g.writeStringField("name", part.name());
                g.writeStringField("value", part.value());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        store.temp().moveInto(tmp, dir.resolve(new StepKey().add(slot).digest().hex()));
    }

    /**
     * The inputs as they are kept and compared: a build arg named like a secret (SecretNames), and any
     * input holding its value (an instruction that expanded it), as a digest: enough to tell that it
     * changed, never the value.
     */
    private static List<StepKey.Part> kept(StepKey key) {
        List<String> secrets = new ArrayList<>();
        for (StepKey.Part part : key.parts()) {
            if (part.name().startsWith("arg:") && SecretNames.looksSecret(part.name().substring(4)) && !part.value().isEmpty()) {
                secrets.add(part.value());
            }
        }
        List<StepKey.Part> kept = new ArrayList<>();
        for (StepKey.Part part : key.parts()) {
            boolean hidden = false;
            for (String secret : secrets) {
                hidden |= part.value().contains(secret);
            }
            kept.add(hidden ? new StepKey.Part(part.name(), SECRET + new StepKey().add(part.value()).digest()) : part);
        }
        return kept;
    }

    /** Why the slot missed: the inputs that differ from its last build, in words. */
    List<String> explain(String slot, StepKey key) throws IOException {
        Map<String, String> before;
        try {
            List<StepKey.Part> parts = Json.mapper().readValue(Files.readString(dir.resolve(new StepKey().add(slot).digest().hex())),
                    new TypeReference<List<StepKey.Part>>() { });
            before = toMap(parts);
        } catch (NoSuchFileException e) {
            return List.of("this step was never built before");
        }
        Map<String, String> now = toMap(kept(key));
        List<String> reasons = new ArrayList<>();
        if (!now.getOrDefault("parent", "").equals(before.getOrDefault("parent", ""))) {
            reasons.add("the step before it changed");
            return reasons; // everything after a changed parent misses: the parent is the reason
        }
        for (Map.Entry<String, String> e : now.entrySet()) {
            String was = before.get(e.getKey());
            if (was == null) {
                reasons.add(describe(e.getKey()) + " is new");
            } else if (!was.equals(e.getValue())) {
                boolean shown = (e.getKey().startsWith("arg:") || e.getKey().equals("instruction")) && !was.startsWith(SECRET)
                        && !e.getValue().startsWith(SECRET);
                reasons.add(describe(e.getKey()) + " changed" + (shown ? " (was " + was + ", now " + e.getValue() + ")" : ""));
            }
        }
        for (String name : before.keySet()) {
            if (!now.containsKey(name)) {
                reasons.add(describe(name) + " is gone");
            }
        }
        if (reasons.isEmpty()) {
            reasons.add("its cached result was removed (prune) or --no-cache was given");
        }
        return reasons;
    }

    private static String describe(String name) {
        if (name.startsWith("file:")) {
            return "file " + name.substring(5);
        }
        if (name.startsWith(StepKey.FILES_AFTER)) {
            return "the files after " + name.substring(StepKey.FILES_AFTER.length()) + " (a step's key names its first "
                    + StepKey.NAMED_FILES + " one by one)";
        }
        if (name.startsWith("arg:")) {
            return "build arg " + name.substring(4);
        }
        return name;
    }

    private static Map<String, String> toMap(List<StepKey.Part> parts) {
        Map<String, String> m = new LinkedHashMap<>();
        int i = 0;
        for (StepKey.Part p : parts) {
            m.put(m.containsKey(p.name()) ? p.name() + "#" + i++ : p.name(), p.value());
        }
        return m;
    }
}
