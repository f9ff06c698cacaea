package dev.jbuild.dockerfile.instruction;

import dev.jbuild.dockerfile.syntax.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns line-parser nodes into validated instructions; every rejection names what is wrong. */
public final class InstructionFactory {
    private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*$");
    private static final Set<String> RUN_NETWORKS = Set.of("default", "none", "host");
    private static final Set<String> RUN_SECURITY = Set.of("sandbox", "insecure");
    private static final Map<String, Flags.Kind> NO_FLAGS = Map.of();
    private static final Map<String, Flags.Kind> RUN_FLAGS = Map.of(
            "mount", Flags.Kind.LIST, "network", Flags.Kind.STRING, "security", Flags.Kind.STRING);
    private static final Map<String, Flags.Kind> COPY_FLAGS = Map.of(
            "from", Flags.Kind.STRING, "chown", Flags.Kind.STRING, "chmod", Flags.Kind.STRING,
            "link", Flags.Kind.BOOL, "parents", Flags.Kind.BOOL, "exclude", Flags.Kind.LIST);
    private static final Map<String, Flags.Kind> ADD_FLAGS = Map.of(
            "chown", Flags.Kind.STRING, "chmod", Flags.Kind.STRING, "link", Flags.Kind.BOOL,
            "checksum", Flags.Kind.STRING, "keep-git-dir", Flags.Kind.BOOL, "exclude", Flags.Kind.LIST,
            "unpack", Flags.Kind.BOOL);
    private static final Map<String, Flags.Kind> HEALTHCHECK_FLAGS = Map.of(
            "interval", Flags.Kind.STRING, "timeout", Flags.Kind.STRING, "start-period", Flags.Kind.STRING,
            "start-interval", Flags.Kind.STRING, "retries", Flags.Kind.STRING);

    private InstructionFactory() {
    }

    public static Instruction create(Node node) {
        return switch (node.keyword()) {
            case "from" -> from(node);
            case "run" -> run(node);
            case "cmd" -> new Cmd(command(node, NO_FLAGS), node.original(), node.range());
            case "entrypoint" -> new Entrypoint(command(node, NO_FLAGS), node.original(), node.range());
            case "shell" -> shell(node);
            case "label" -> new Label(keyValues(node), node.original(), node.range());
            case "env" -> new Env(keyValues(node), node.original(), node.range());
            case "arg" -> arg(node);
            case "expose" -> new Expose(atLeastOne(node), node.original(), node.range());
            case "volume" -> volume(node);
            case "user" -> new User(exactlyOne(node), node.original(), node.range());
            case "workdir" -> new Workdir(exactlyOne(node), node.original(), node.range());
            case "stopsignal" -> new StopSignal(exactlyOne(node), node.original(), node.range());
            case "maintainer" -> new Maintainer(exactlyOne(node), node.original(), node.range());
            case "copy" -> copy(node);
            case "add" -> add(node);
            case "onbuild" -> onbuild(node);
            case "healthcheck" -> healthcheck(node);
            default -> throw new InvalidInstruction("unknown instruction: " + node.instructionName());
        };
    }

    private static Flags flags(Node node, Map<String, Flags.Kind> accepted) {
        return Flags.parse(node::instructionName, node.flags(), accepted);
    }

    private static From from(Node node) {
        Flags flags = flags(node, Map.of("platform", Flags.Kind.STRING));
        List<String> args = node.args();
        Optional<String> stage = Optional.empty();
        if (args.size() == 3 && args.get(1).equalsIgnoreCase("as")) {
            String stageName = args.get(2).toLowerCase(Locale.ROOT);
            if (!STAGE_NAME.matcher(stageName).matches()) {
                throw new InvalidInstruction("invalid name for build stage: \"" + args.get(2)
                        + "\", name can't start with a number or contain symbols");
            }
            if (stageName.equals("scratch") || stageName.equals("context")) {
                throw new InvalidInstruction("reserved name for build stage: \"" + args.get(2) + "\"");
            }
            stage = Optional.of(stageName);
        } else if (args.size() != 1) {
            throw new InvalidInstruction("FROM requires either one or three arguments (FROM IMAGE [AS NAME])");
        }
        return new From(args.get(0), stage, flags.string("platform"), node.original(), node.range());
    }

    private static Run run(Node node) {
        Flags flags = flags(node, RUN_FLAGS);
        Optional<String> network = flags.string("network");
        if (network.isPresent() && !RUN_NETWORKS.contains(network.get())) {
            throw new InvalidInstruction("unsupported network mode for RUN: " + network.get()
                    + " (default, none or host)");
        }
        Optional<String> security = flags.string("security");
        if (security.isPresent() && !RUN_SECURITY.contains(security.get())) {
            throw new InvalidInstruction("unsupported security mode for RUN: " + security.get()
                    + " (sandbox or insecure)");
        }
        return new Run(nonEmpty(node, commandOf(node.args(), node.json())), flags.list("mount"), network, security,
                node.heredocs(), node.original(), node.range());
    }

    private static Command command(Node node, Map<String, Flags.Kind> accepted) {
        flags(node, accepted);
        return commandOf(node.args(), node.json());
    }

    private static Command commandOf(List<String> args, boolean json) {
        if (json) {
            return Command.exec(args);
        }
        return args.isEmpty() ? Command.exec(List.of()) : Command.shell(args.get(0));
    }

    private static Command nonEmpty(Node node, Command command) {
        if (command.args().isEmpty()) {
            throw new InvalidInstruction(node.instructionName() + " requires at least one argument");
        }
        return command;
    }

    private static Shell shell(Node node) {
        flags(node, NO_FLAGS);
        if (!node.json()) {
            throw new InvalidInstruction("SHELL requires the arguments to be in JSON form");
        }
        if (node.args().isEmpty()) {
            throw new InvalidInstruction("SHELL requires at least one argument");
        }
        return new Shell(node.args(), node.original(), node.range());
    }

    private static List<KeyValue> keyValues(Node node) {
        flags(node, NO_FLAGS);
        List<String> a = node.args();
        if (a.isEmpty()) {
            throw new InvalidInstruction(node.instructionName() + " requires at least one argument");
        }
        List<KeyValue> out = new ArrayList<>();
        for (int i = 0; i + 2 < a.size(); i += 3) {
            if (a.get(i).isEmpty()) {
                throw new InvalidInstruction(node.instructionName() + " names can not be blank");
            }
            out.add(new KeyValue(a.get(i), a.get(i + 1)));
        }
        return out;
    }

    private static Arg arg(Node node) {
        flags(node, NO_FLAGS);
        if (node.args().isEmpty()) {
            throw new InvalidInstruction("ARG requires at least one argument");
        }
        List<Arg.Declaration> declarations = new ArrayList<>();
        for (String word : node.args()) {
            int eq = word.indexOf('=');
            String name = eq < 0 ? word : word.substring(0, eq);
            if (name.isEmpty()) {
                throw new InvalidInstruction("ARG names can not be blank");
            }
            declarations.add(new Arg.Declaration(name, eq < 0 ? Optional.empty() : Optional.of(word.substring(eq + 1))));
        }
        return new Arg(declarations, node.original(), node.range());
    }

    private static List<String> atLeastOne(Node node) {
        flags(node, NO_FLAGS);
        if (node.args().isEmpty()) {
            throw new InvalidInstruction(node.instructionName() + " requires at least one argument");
        }
        return node.args();
    }

    private static Volume volume(Node node) {
        List<String> paths = atLeastOne(node);
        for (String p : paths) {
            if (p.isBlank()) {
                throw new InvalidInstruction("VOLUME specified can not be an empty string");
            }
        }
        return new Volume(paths, node.original(), node.range());
    }

    private static String exactlyOne(Node node) {
        flags(node, NO_FLAGS);
        if (node.args().size() != 1) {
            throw new InvalidInstruction(node.instructionName() + " requires exactly one argument");
        }
        return node.args().get(0);
    }

    private static List<String> sourcesAndDestination(Node node) {
        if (node.args().size() < 2) {
            throw new InvalidInstruction(node.instructionName() + " requires at least two arguments, but only "
                    + node.args().size() + " provided (SOURCE... DESTINATION)");
        }
        return node.args();
    }

    private static Copy copy(Node node) {
        Flags f = flags(node, COPY_FLAGS);
        List<String> args = sourcesAndDestination(node);
        return new Copy(args.subList(0, args.size() - 1), args.get(args.size() - 1), f.string("from"),
                f.string("chown"), f.string("chmod"), f.bool("link"), f.bool("parents"), f.list("exclude"),
                node.heredocs(), node.original(), node.range());
    }

    private static Add add(Node node) {
        Flags f = flags(node, ADD_FLAGS);
        List<String> args = sourcesAndDestination(node);
        Optional<Boolean> unpack = f.string("unpack").map(Boolean::valueOf);
        return new Add(args.subList(0, args.size() - 1), args.get(args.size() - 1), f.string("chown"),
                f.string("chmod"), f.bool("link"), f.string("checksum"), f.bool("keep-git-dir"), f.list("exclude"),
                unpack, node.heredocs(), node.original(), node.range());
    }

    private static Onbuild onbuild(Node node) {
        flags(node, NO_FLAGS);
        Node inner = node.onbuild().orElseThrow(() -> new InvalidInstruction("ONBUILD requires at least one argument"));
        switch (inner.keyword()) {
            case "onbuild" -> throw new InvalidInstruction("chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
            case "from", "maintainer" -> throw new InvalidInstruction(inner.instructionName()
                    + " isn't allowed as an ONBUILD trigger");
            default -> {
            }
        }
        Instruction trigger = create(inner);
        String text = node.original().strip();
        String expression = text.substring(text.indexOf(' ') + 1).strip();
        return new Onbuild(trigger, expression, node.original(), node.range());
    }

    private static Healthcheck healthcheck(Node node) {
        List<String> args = node.args();
        if (args.isEmpty()) {
            throw new InvalidInstruction("HEALTHCHECK requires an argument (NONE or CMD ...)");
        }
        String type = args.get(0).toUpperCase(Locale.ROOT);
        if (type.equals("NONE")) {
            if (args.size() > 1 || !node.flags().isEmpty()) {
                throw new InvalidInstruction("HEALTHCHECK NONE takes no other arguments");
            }
            return new Healthcheck(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), node.original(), node.range());
        }
        if (!type.equals("CMD")) {
            throw new InvalidInstruction("unknown type \"" + args.get(0) + "\" in HEALTHCHECK (try CMD)");
        }
        Flags f = flags(node, HEALTHCHECK_FLAGS);
        Command test = commandOf(args.subList(1, args.size()), node.json());
        if (test.args().isEmpty()) {
            throw new InvalidInstruction("HEALTHCHECK CMD requires a command");
        }
        Optional<Integer> retries = f.string("retries").map(r -> {
            try {
                int n = Integer.parseInt(r);
                if (n < 0) {
                    throw new InvalidInstruction("--retries cannot be negative (" + r + ")");
                }
                return n;
            } catch (NumberFormatException e) {
                throw new InvalidInstruction("--retries must be a number, not \"" + r + "\"");
            }
        });
        return new Healthcheck(Optional.of(test), duration(f, "interval"), duration(f, "timeout"),
                duration(f, "start-period"), duration(f, "start-interval"), retries, node.original(), node.range());
    }

    private static Optional<Duration> duration(Flags f, String name) {
        return f.string(name).map(text -> {
            Duration d = GoDuration.parse(text);
            if (d.isNegative() || (!d.isZero() && d.compareTo(Duration.ofMillis(1)) < 0)) {
                throw new InvalidInstruction("--" + name + " cannot be less than 1ms (" + text + ")");
            }
            return d;
        });
    }
}
