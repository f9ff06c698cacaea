package dev.jbuild.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A command line read without picocli where that reading is certain: one command without subcommands,
 * options by their exact names (flags clustered, values attached with = or following), positionals by
 * index. Everything else — help and version, an unknown or repeated option, a value that looks like an
 * option, {@code --}, a missing or extra positional — is left to picocli, which reads the line again and
 * answers exactly as it always did. picocli's start costs ~70 ms on a small machine, more than {@code ps} itself.
 */
final class QuickCommandLine {
    /** Everything after the first positional belongs to it (run IMAGE CMD..., as Main tells picocli too). */
    static final Set<String> STOP_AT_POSITIONAL = Set.of("run", "exec", "unshare");

    /** The command named, its fields set; with the top command (global options) it belongs to. */
    record Parsed(String name, Object command, JbuildCommand top) {
    }

    private QuickCommandLine() {
    }

    static Optional<Parsed> parse(String[] args) throws Exception {
        JbuildCommand top = new JbuildCommand();
        List<ArgumentRow> rows = ArgumentRow.of(CommandModels.arguments(top, null));
        String name = null;
        Object command = null;
        List<String> positionals = new ArrayList<>();
        // By identity: a record's own hashCode is bootstrapped on first use (~30 ms of a cold start).
        Set<ArgumentRow> matched = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            boolean stopped = name != null && STOP_AT_POSITIONAL.contains(name) && !positionals.isEmpty();
            if (stopped || !a.startsWith("-") || a.equals("-")) {
                if (name != null) {
                    positionals.add(a);
                    continue;
                }
                Class<?> type = JbuildCommand.COMMANDS.get(a);
                if (type == null || JbuildCommand.OVER_EVERY_COMMAND.contains(a)) {
                    return Optional.empty();
                }
                name = a;
                command = type.getDeclaredConstructor().newInstance();
                List<Object[]> own = CommandModels.arguments(command, top);
                if (own == null) {
                    return Optional.empty();
                }
                List<ArgumentRow> all = new ArrayList<>(ArgumentRow.of(own));
                for (ArgumentRow row : rows) {
                    if (row.inherited()) {
                        all.add(row);
                    }
                }
                rows = all;
                continue;
            }
            i = option(rows, args, i, matched);
            if (i < 0) {
                return Optional.empty();
            }
        }
        if (name == null || !positionals(rows, positionals, matched)) {
            return Optional.empty();
        }
        for (ArgumentRow row : rows) {
            if (!matched.contains(row) && row.defaultValue() != null && !row.set(row.defaultValue())) {
                return Optional.empty();
            }
        }
        return Optional.of(new Parsed(name, command, top));
    }

    /**
     * Reads the option (or clustered flags) at args[i] into its fields; returns the index of the last word
     * it took, or -1 where picocli should judge.
     */
    private static int option(List<ArgumentRow> rows, String[] args, int i, Set<ArgumentRow> matched) throws Exception {
        String a = args[i];
        if (a.equals("--")) {
            return -1;
        }
        if (a.startsWith("--") || a.length() == 2) {
            int eq = a.indexOf('=');
            ArgumentRow row = option(rows, eq > 0 ? a.substring(0, eq) : a);
            if (row == null || !matched.add(row) && !row.multiValue()) {
                return -1;
            }
            if (row.optionalFlag()) { // --x=false here; a separate true/false word is picocli's to take
                boolean nextIsValue = eq < 0 && i + 1 < args.length && (args[i + 1].equalsIgnoreCase("true") || args[i + 1].equalsIgnoreCase("false"));
                if (nextIsValue || (eq > 0 && !row.set(a.substring(eq + 1)))) {
                    return -1;
                }
                if (eq < 0) {
                    row.setTrue();
                }
                return i;
            }
            if (row.flag()) {
                if (eq > 0) {
                    return -1;
                }
                row.setTrue();
                return i;
            }
            if (row.arity() != null && !row.arity().equals("1")) {
                return -1; // an optional or several values: where they end is picocli's call
            }
            String value = eq > 0 ? a.substring(eq + 1) : i + 1 < args.length ? args[++i] : null;
            if (value == null || value.startsWith("-") && value.length() > 1 || row.split() != null || !row.set(value)) {
                return -1;
            }
            return i;
        }
        for (char c : a.substring(1).toCharArray()) { // -it: clustered flags only
            ArgumentRow row = option(rows, "-" + c);
            if (row == null || !row.flag() || !matched.add(row)) {
                return -1;
            }
            row.setTrue();
        }
        return i;
    }

    private static ArgumentRow option(List<ArgumentRow> rows, String name) {
        for (ArgumentRow row : rows) {
            if (row.names().contains(name)) {
                return row;
            }
        }
        return null;
    }

    /** Positionals by index: "N" takes one, "N..*" the rest (within its arity); false where picocli should judge. */
    private static boolean positionals(List<ArgumentRow> rows, List<String> values, Set<ArgumentRow> matched) throws Exception {
        List<ArgumentRow> positional = new ArrayList<>();
        for (ArgumentRow row : rows) {
            if (row.positional()) {
                positional.add(row);
            }
        }
        int covered = 0;
        for (ArgumentRow row : positional) {
            String index = row.index() != null ? row.index() : positional.size() == 1 ? (row.multiValue() ? "0..*" : "0") : null;
            boolean rest = index != null && index.endsWith("..*");
            String first = rest ? index.substring(0, index.length() - 3) : index;
            if (first == null || !ArgumentRow.isNumber(first)) {
                return false;
            }
            int from = Integer.parseInt(first);
            if (rest != row.multiValue()) {
                return false;
            }
            List<String> mine = from >= values.size() ? List.of() : rest ? values.subList(from, values.size()) : values.subList(from, from + 1);
            if (mine.size() < row.minimum()) {
                return false; // picocli says what is missing
            }
            for (String v : mine) {
                if (!row.set(v)) {
                    return false;
                }
            }
            if (!mine.isEmpty()) {
                matched.add(row);
            }
            covered = Math.max(covered, rest ? values.size() : from + 1);
        }
        return covered >= values.size();
    }
}
