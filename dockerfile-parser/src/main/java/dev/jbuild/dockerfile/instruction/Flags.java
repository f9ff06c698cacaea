package dev.jbuild.dockerfile.instruction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An instruction's {@code --name=value} flags checked against what the instruction accepts:
 * an unknown flag, a value on a boolean flag or a missing value is an error naming the flag.
 */
final class Flags {
    enum Kind { STRING, BOOL, LIST }

    private final Map<String, List<String>> values = new HashMap<>();

    private Flags() {
    }

    static Flags parse(Supplier<String> instructionName, List<String> raw, Map<String, Kind> accepted) {
        Flags flags = new Flags();
        if (raw.isEmpty()) {
            return flags;
        }
        String instruction = instructionName.get();
        for (String word : raw) {
            if (!word.startsWith("--")) {
                throw new InvalidInstruction("invalid flag " + word + " for " + instruction);
            }
            int eq = word.indexOf('=');
            String name = eq < 0 ? word.substring(2) : word.substring(2, eq);
            Kind kind = accepted.get(name);
            if (kind == null) {
                throw new InvalidInstruction("unknown flag for " + instruction + ": --" + name);
            }
            String value = eq < 0 ? null : word.substring(eq + 1);
            if (kind == Kind.BOOL) {
                if (value != null && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw new InvalidInstruction("expecting boolean value for flag --" + name + ", not: " + value);
                }
                value = value == null ? "true" : value.toLowerCase(java.util.Locale.ROOT);
            } else if (value == null) {
                throw new InvalidInstruction("missing a value on flag --" + name + " of " + instruction);
            }
            List<String> list = flags.values.computeIfAbsent(name, k -> new ArrayList<>());
            if (kind != Kind.LIST && !list.isEmpty()) {
                throw new InvalidInstruction("duplicate flag specified: --" + name);
            }
            list.add(value);
        }
        return flags;
    }

    Optional<String> string(String name) {
        List<String> list = values.get(name);
        return list == null ? Optional.empty() : Optional.of(list.get(0));
    }

    boolean bool(String name) {
        return string(name).map("true"::equals).orElse(false);
    }

    List<String> list(String name) {
        return List.copyOf(values.getOrDefault(name, List.of()));
    }
}
