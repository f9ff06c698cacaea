package dev.jbuild.executor.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jbuild.executor.network.ContainerNetwork;
import dev.jbuild.executor.network.PortMapping;
import dev.jbuild.executor.sandbox.Volume;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** config.json and state.json go through the streaming writer and reader unchanged, and read databind's old files. */
class ContainerJsonTest {
    @Test
    void configsAndStatesRoundTrip() throws IOException {
        ContainerConfig config = new ContainerConfig("0123456789abcdef", "web", "app:1", "sha256:aa", "2026-12-02T00:00:00Z",
                List.of("sh", "-c", "echo \"hi\"\n"), List.of("PATH=/bin", "A=é"), "/srv", "1000:1000", "web-host",
                new ContainerNetwork(ContainerNetwork.Mode.PRIVATE, List.of(PortMapping.parse("127.0.0.1:8080:80/udp"), PortMapping.parse("8443:443")),
                        List.of(ContainerNetwork.hostEntry("db:10.0.0.5")), List.of("9.9.9.9"), null),
                List.of(new Volume("/data", "/data", true), Volume.tmpfs("/tmp")), true, false, true, true,
                dev.jbuild.executor.limits.Resources.parse(List.of("nofile=1024:2048", "core=-1"), "1g"));
        assertEquals(config, ContainerJson.config(ContainerJson.write(config).getBytes(StandardCharsets.UTF_8)));
        ContainerState state = new ContainerState(42, 1700000000000L, null, 7, 1690000000000L);
        assertEquals(state, ContainerJson.state(ContainerJson.write(state).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void filesOfEarlierVersionsReadWithUnknownFieldsSkipped() throws IOException {
        String old = "{\"id\":\"0123456789abcdef\",\"name\":\"n\",\"image\":\"i\",\"imageId\":\"d\",\"created\":\"c\",\"command\":[\"true\"],"
                + "\"env\":[],\"workdir\":\"/\",\"user\":\"\",\"hostname\":\"h\",\"networkNone\":true,\"volumes\":[],"
                + "\"init\":false,\"tty\":true,\"autoRemove\":false,\"future\":{\"x\":[1,2]}}";
        ContainerConfig c = ContainerJson.config(old.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("true"), c.command());
        assertEquals(true, c.tty());
        assertEquals(ContainerNetwork.NONE, c.network());
        assertThrows(IOException.class, () -> ContainerJson.state("[]".getBytes(StandardCharsets.UTF_8)));
    }
}
