package dev.jbuild.executor.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jbuild.executor.sandbox.SandboxException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** -p as docker run takes it, and what ps, port and the sandbox program are given of it. */
class PortMappingTest {
    @Test
    void readsEveryFormDockerTakes() {
        assertEquals(new PortMapping("tcp", "0.0.0.0", 0, 80), PortMapping.parse("80"));
        assertEquals(new PortMapping("tcp", "0.0.0.0", 8080, 80), PortMapping.parse("8080:80"));
        assertEquals(new PortMapping("udp", "127.0.0.1", 5353, 53), PortMapping.parse("127.0.0.1:5353:53/udp"));
        assertEquals(new PortMapping("tcp", "127.0.0.1", 0, 80), PortMapping.parse("127.0.0.1::80"));
        assertEquals(new PortMapping("tcp", "0.0.0.0", 0, 8080), PortMapping.exposed("8080/tcp"));
    }

    @Test
    void showsAsDockerPsAndPortDo() {
        PortMapping p = PortMapping.parse("8080:80");
        assertEquals("0.0.0.0:8080->80/tcp", p.describe());
        assertEquals("80/tcp", p.containerSide());
        assertEquals("private,tcp/0.0.0.0/8080/80,udp/127.0.0.1/53/53",
                new ContainerNetwork(ContainerNetwork.Mode.PRIVATE, List.of(p, PortMapping.parse("127.0.0.1:53:53/udp")), List.of(),
                        List.of(), null).sandboxArgument());
        assertEquals("join:/proc/7/ns/net", ContainerNetwork.joining("/proc/7/ns/net").sandboxArgument());
    }

    @Test
    void badSpecsAreOneLineNamingThem() {
        for (String bad : List.of("http:80", "8080:80/sctp", "70000:80", "8000-8010:80", "::1:80:80", "host:8080:80", "")) {
            SandboxException e = assertThrows(SandboxException.class, () -> PortMapping.parse(bad), bad);
            assertEquals(125, e.exitCode());
            assertEquals(true, e.getMessage().startsWith("invalid published port " + bad + ": "), e.getMessage());
        }
    }

    @Test
    void etcFilesFollowTheNetwork() {
        ContainerNetwork n = new ContainerNetwork(ContainerNetwork.Mode.PRIVATE, List.of(),
                List.of(ContainerNetwork.hostEntry("db:10.0.0.5"), ContainerNetwork.hostEntry("v6=::1")), List.of(), null);
        assertEquals("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n10.0.2.100\tweb\n10.0.0.5\tdb\n::1\tv6\n",
                n.hostsFile("web"));
        assertEquals("nameserver 10.0.2.3\n", n.resolvConf("nameserver 1.1.1.1\n"));
        assertEquals("nameserver 1.1.1.1\n", ContainerNetwork.HOST.resolvConf("nameserver 1.1.1.1\n"));
        assertEquals("", ContainerNetwork.NONE.resolvConf("nameserver 1.1.1.1\n"));
        assertEquals("nameserver 9.9.9.9\n", new ContainerNetwork(ContainerNetwork.Mode.PRIVATE, List.of(), List.of(),
                List.of(ContainerNetwork.nameServer("9.9.9.9")), null).resolvConf(""));
        assertThrows(SandboxException.class, () -> ContainerNetwork.hostEntry("nocolon"));
        assertThrows(SandboxException.class, () -> ContainerNetwork.hostEntry("db:not-an-ip"));
        assertThrows(SandboxException.class, () -> ContainerNetwork.nameServer("resolver"));
    }
}
