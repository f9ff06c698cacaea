package dev.jbuild.executor.config;

import dev.jbuild.dockerfile.DockerfileException;
import dev.jbuild.dockerfile.instruction.Cmd;
import dev.jbuild.dockerfile.instruction.Command;
import dev.jbuild.dockerfile.instruction.Entrypoint;
import dev.jbuild.dockerfile.instruction.Env;
import dev.jbuild.dockerfile.instruction.Expander;
import dev.jbuild.dockerfile.instruction.Expose;
import dev.jbuild.dockerfile.instruction.Instruction;
import dev.jbuild.dockerfile.instruction.InstructionFactory;
import dev.jbuild.dockerfile.instruction.InvalidInstruction;
import dev.jbuild.dockerfile.instruction.KeyValue;
import dev.jbuild.dockerfile.instruction.Label;
import dev.jbuild.dockerfile.instruction.StopSignal;
import dev.jbuild.dockerfile.instruction.User;
import dev.jbuild.dockerfile.instruction.Volume;
import dev.jbuild.dockerfile.instruction.Workdir;
import dev.jbuild.dockerfile.syntax.LineParser;
import dev.jbuild.dockerfile.syntax.Node;
import dev.jbuild.dockerfile.syntax.SyntaxTree;
import dev.jbuild.store.oci.ImageConfig.RunConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metadata instructions of a Dockerfile applied to an image's run config: what
 * {@code --change 'CMD ...'} of import and commit does, and what the builder does for these steps.
 */
public final class ConfigChanges {
    private static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

    private ConfigChanges() {
    }

    /** Applies one instruction line ({@code CMD ["sh"]}, {@code ENV A=1}); IllegalArgumentException says why not. */
    public static RunConfig apply(RunConfig config, String change) {
        SyntaxTree tree;
        try {
            tree = LineParser.parse(change);
        } catch (DockerfileException e) {
            throw new IllegalArgumentException("invalid change \"" + change + "\": " + e.reason());
        }
        if (tree.nodes().size() != 1 || tree.problems().stream().anyMatch(p -> p.isError())) {
            String why = tree.problems().isEmpty() ? "expected one instruction" : tree.problems().get(0).message();
            throw new IllegalArgumentException("invalid change \"" + change + "\": " + why);
        }
        Node node = tree.nodes().get(0);
        try {
            return apply(config, InstructionFactory.create(node), tree.directives().escape());
        } catch (InvalidInstruction | IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid change \"" + change + "\": " + e.getMessage());
        }
    }

    static RunConfig apply(RunConfig config, Instruction instruction, char escape) {
        Expander x = new Expander(escape, environment(config)::get);
        List<String> shell = config.shell() == null || config.shell().isEmpty() ? DEFAULT_SHELL : config.shell();
        if (instruction instanceof Cmd c) {
            return config.withCmd(argv(c.command(), shell));
        }
        if (instruction instanceof Entrypoint e) {
            return config.withEntrypoint(argv(e.command(), shell)).withCmd(null);
        }
        if (instruction instanceof Env env) {
            Map<String, String> vars = environment(config);
            for (KeyValue kv : env.expand(x).variables()) {
                vars.remove(kv.key());
                vars.put(kv.key(), kv.value());
            }
            return config.withEnv(vars.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        }
        if (instruction instanceof Label l) {
            Map<String, String> labels = new TreeMap<>(config.labels() == null ? Map.of() : config.labels());
            l.expand(x).labels().forEach(kv -> labels.put(kv.key(), kv.value()));
            return config.withLabels(labels);
        }
        if (instruction instanceof Expose e) {
            Map<String, Object> ports = new TreeMap<>(config.exposedPorts() == null ? Map.of() : config.exposedPorts());
            for (String p : e.expand(x).ports()) {
                ports.put(p.contains("/") ? p.toLowerCase(java.util.Locale.ROOT) : p + "/tcp", Map.of());
            }
            return config.withExposedPorts(ports);
        }
        if (instruction instanceof Volume v) {
            Map<String, Object> volumes = new TreeMap<>(config.volumes() == null ? Map.of() : config.volumes());
            v.expand(x).paths().forEach(p -> volumes.put(p, Map.of()));
            return config.withVolumes(volumes);
        }
        if (instruction instanceof User u) {
            return config.withUser(u.expand(x).user());
        }
        if (instruction instanceof Workdir w) {
            String dir = w.expand(x).path();
            String base = config.workingDir() == null || config.workingDir().isEmpty() ? "/" : config.workingDir();
            return config.withWorkingDir(dir.startsWith("/") ? dir : java.nio.file.Paths.get(base, dir).normalize().toString());
        }
        if (instruction instanceof StopSignal s) {
            return config.withStopSignal(s.expand(x).signal());
        }
        throw new IllegalArgumentException("only CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME and"
                + " WORKDIR can be changed here");
    }

    private static List<String> argv(Command command, List<String> shell) {
        return new ArrayList<>(command.argv(shell));
    }

    private static Map<String, String> environment(RunConfig config) {
        Map<String, String> vars = new LinkedHashMap<>();
        if (config.env() != null) {
            for (String e : config.env()) {
                int eq = e.indexOf('=');
                vars.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
            }
        }
        return vars;
    }
}
