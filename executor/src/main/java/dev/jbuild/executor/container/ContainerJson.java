package dev.jbuild.executor.container;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.jbuild.executor.limits.Resources;
import dev.jbuild.executor.limits.Ulimit;
import dev.jbuild.executor.network.ContainerNetwork;
import dev.jbuild.executor.network.PortMapping;
import dev.jbuild.executor.sandbox.Volume;
import dev.jbuild.store.oci.JsonIntegers;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's config.json and state.json, read and written with jackson-core's streaming API: every
 * run and every RUN step writes them, and building databind's machinery for two records cost ~0.19 s
 * of each. Every field is written (null as null); unknown fields are skipped on reading.
 */
final class ContainerJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private ContainerJson() {
    }

    static String write(ContainerConfig c) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = generator(out)) {
            g.writeStartObject();
            g.writeStringField("id", c.id());
            g.writeStringField("name", c.name());
            g.writeStringField("image", c.image());
            g.writeStringField("imageId", c.imageId());
            g.writeStringField("created", c.created());
            strings(g, "command", c.command());
            strings(g, "env", c.env());
            g.writeStringField("workdir", c.workdir());
            g.writeStringField("user", c.user());
            g.writeStringField("hostname", c.hostname());
            network(g, c.network());
            g.writeArrayFieldStart("volumes");
            for (Volume v : c.volumes()) {
                g.writeStartObject();
                g.writeStringField("host", v.host());
                g.writeStringField("container", v.container());
                g.writeBooleanField("readOnly", v.readOnly());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeBooleanField("init", c.init());
            g.writeBooleanField("tty", c.tty());
            g.writeBooleanField("autoRemove", c.autoRemove());
            g.writeBooleanField("seccompUnconfined", c.seccompUnconfined());
            strings(g, "ulimits", c.resources().ulimits().stream().map(Ulimit::toString).toList());
            g.writeNumberField("shmBytes", c.resources().shmBytes());
            g.writeEndObject();
        }
        return out.toString();
    }

    static String write(ContainerState s) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = generator(out)) {
            g.writeStartObject();
            g.writeNumberField("pid", s.pid());
            g.writeNumberField("pidStartMillis", s.pidStartMillis());
            g.writeStringField("startedAt", s.startedAt());
            g.writeNumberField("ownerPid", s.ownerPid());
            g.writeNumberField("ownerStartMillis", s.ownerStartMillis());
            g.writeEndObject();
        }
        return out.toString();
    }

    static ContainerConfig config(byte[] json) throws IOException {
        Object[] f = new Object[16];
        List<Ulimit> ulimits = List.of();
        long shm = Resources.DEFAULT_SHM;
        List<Volume> volumes = new ArrayList<>();
        try (JsonParser p = object(json)) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "id" -> f[0] = p.getValueAsString();
                    case "name" -> f[1] = p.getValueAsString();
                    case "image" -> f[2] = p.getValueAsString();
                    case "imageId" -> f[3] = p.getValueAsString();
                    case "created" -> f[4] = p.getValueAsString();
                    case "command" -> f[5] = strings(p);
                    case "env" -> f[6] = strings(p);
                    case "workdir" -> f[7] = p.getValueAsString();
                    case "user" -> f[8] = p.getValueAsString();
                    case "hostname" -> f[9] = p.getValueAsString();
                    case "networkNone" -> f[10] = p.getValueAsBoolean() ? ContainerNetwork.NONE : ContainerNetwork.HOST; // written before the private network
                    case "network" -> f[10] = network(p);
                    case "volumes" -> {
                        if (p.currentToken() == JsonToken.START_ARRAY) {
                            while (p.nextToken() == JsonToken.START_OBJECT) {
                                volumes.add(volume(p));
                            }
                        }
                    }
                    case "init" -> f[12] = p.getValueAsBoolean();
                    case "tty" -> f[13] = p.getValueAsBoolean();
                    case "autoRemove" -> f[14] = p.getValueAsBoolean();
                    case "seccompUnconfined" -> f[15] = p.getValueAsBoolean();
                    case "ulimits" -> ulimits = strings(p).stream().map(Ulimit::parse).toList();
                    case "shmBytes" -> shm = p.getValueAsLong();
                    default -> p.skipChildren();
                }
            }
        }
        @SuppressWarnings("unchecked")
        ContainerConfig c = new ContainerConfig((String) f[0], (String) f[1], (String) f[2], (String) f[3], (String) f[4],
                f[5] == null ? List.of() : (List<String>) f[5], f[6] == null ? List.of() : (List<String>) f[6],
                (String) f[7], (String) f[8], (String) f[9], (ContainerNetwork) f[10], volumes,
                Boolean.TRUE.equals(f[12]), Boolean.TRUE.equals(f[13]), Boolean.TRUE.equals(f[14]),
                Boolean.TRUE.equals(f[15]), new Resources(ulimits, shm));
        return c;
    }

    static ContainerState state(byte[] json) throws IOException {
        long[] n = new long[4];
        String startedAt = null;
        try (JsonParser p = object(json)) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "pid" -> n[0] = JsonIntegers.read(p);
                    case "pidStartMillis" -> n[1] = JsonIntegers.read(p);
                    case "startedAt" -> startedAt = p.getValueAsString();
                    case "ownerPid" -> n[2] = JsonIntegers.read(p);
                    case "ownerStartMillis" -> n[3] = JsonIntegers.read(p);
                    default -> p.skipChildren();
                }
            }
        }
        return new ContainerState(n[0], n[1], startedAt, n[2], n[3]);
    }

    private static void network(JsonGenerator g, ContainerNetwork n) throws IOException {
        g.writeObjectFieldStart("network");
        g.writeStringField("mode", n.mode().name());
        g.writeArrayFieldStart("ports");
        for (PortMapping port : n.ports()) {
            g.writeStartObject();
            g.writeStringField("protocol", port.protocol());
            g.writeStringField("hostIp", port.hostIp());
            g.writeNumberField("hostPort", port.hostPort());
            g.writeNumberField("containerPort", port.containerPort());
            g.writeEndObject();
        }
        g.writeEndArray();
        strings(g, "extraHosts", n.extraHosts());
        strings(g, "dns", n.dns());
        g.writeEndObject();
    }

    private static ContainerNetwork network(JsonParser p) throws IOException {
        ContainerNetwork.Mode mode = ContainerNetwork.Mode.HOST;
        List<PortMapping> ports = new ArrayList<>();
        List<String> extraHosts = List.of();
        List<String> dns = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "mode" -> mode = ContainerNetwork.Mode.valueOf(p.getValueAsString());
                case "ports" -> {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        ports.add(port(p));
                    }
                }
                case "extraHosts" -> extraHosts = strings(p);
                case "dns" -> dns = strings(p);
                default -> p.skipChildren();
            }
        }
        return new ContainerNetwork(mode, ports, extraHosts, dns, null); // a joined namespace is a build step's, never stored
    }

    private static PortMapping port(JsonParser p) throws IOException {
        String protocol = "tcp";
        String hostIp = null;
        int[] n = new int[2];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "protocol" -> protocol = p.getValueAsString();
                case "hostIp" -> hostIp = p.getValueAsString();
                case "hostPort" -> n[0] = p.getValueAsInt();
                case "containerPort" -> n[1] = p.getValueAsInt();
                default -> p.skipChildren();
            }
        }
        return new PortMapping(protocol, hostIp, n[0], n[1]);
    }

    private static Volume volume(JsonParser p) throws IOException {
        String host = null;
        String container = null;
        boolean readOnly = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "host" -> host = p.getValueAsString();
                case "container" -> container = p.getValueAsString();
                case "readOnly" -> readOnly = p.getValueAsBoolean();
                default -> p.skipChildren();
            }
        }
        return new Volume(host, container, readOnly);
    }

    private static JsonGenerator generator(StringWriter out) throws IOException {
        return FACTORY.createGenerator(out).setPrettyPrinter(new DefaultPrettyPrinter());
    }

    private static JsonParser object(byte[] json) throws IOException {
        JsonParser p = FACTORY.createParser(json);
        if (p.nextToken() != JsonToken.START_OBJECT) {
            p.close();
            throw new IOException("expected a JSON object");
        }
        return p;
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static List<String> strings(JsonParser p) throws IOException {
        List<String> values = new ArrayList<>();
        if (p.currentToken() == JsonToken.START_ARRAY) {
            while (p.nextToken() != JsonToken.END_ARRAY) {
                values.add(p.getValueAsString());
            }
        }
        return values;
    }
}
