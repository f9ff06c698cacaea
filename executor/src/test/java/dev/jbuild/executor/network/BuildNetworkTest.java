package dev.jbuild.executor.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jbuild.executor.sandbox.SandboxException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RUN --network against the build's network and the network.host entitlement. */
class BuildNetworkTest {
    @Test
    void aDockerfileCannotLeaveThePrivateNetworkWithoutTheEntitlement() {
        BuildNetwork build = new BuildNetwork(ContainerNetwork.PRIVATE, false);
        assertEquals(ContainerNetwork.PRIVATE, build.forInstruction(Optional.empty()));
        assertEquals(ContainerNetwork.PRIVATE, build.forInstruction(Optional.of("default")));
        assertEquals(ContainerNetwork.NONE, build.forInstruction(Optional.of("none")));
        SandboxException refused = assertThrows(SandboxException.class, () -> build.forInstruction(Optional.of("host")));
        assertEquals("RUN --network=host needs the network.host entitlement: build --allow network.host", refused.getMessage());
        assertEquals(ContainerNetwork.HOST, new BuildNetwork(ContainerNetwork.PRIVATE, true).forInstruction(Optional.of("host")));
    }

    @Test
    void aBuildOnTheHostsOrNoNetworkKeepsItsOwnRules() {
        assertEquals(ContainerNetwork.HOST, new BuildNetwork(ContainerNetwork.HOST, false).forInstruction(Optional.of("host")));
        assertEquals(ContainerNetwork.NONE, new BuildNetwork(ContainerNetwork.NONE, true).forInstruction(Optional.of("host")),
                "--network none wins over the instruction");
    }

    @Test
    void onlyNetworkHostIsGranted() {
        SandboxException e = assertThrows(SandboxException.class,
                () -> PrivateNetwork.forBuild("host", java.util.List.of("security.insecure"), java.util.List.of()));
        assertEquals("--allow security.insecure is not supported: jbuild grants network.host", e.getMessage());
        assertEquals(ContainerNetwork.NONE, PrivateNetwork.forBuild("none", java.util.List.of(), java.util.List.of()).steps());
        BuildNetwork hosts = PrivateNetwork.forBuild("host", java.util.List.of(), java.util.List.of("db:10.1.2.3"));
        assertEquals(java.util.List.of("db 10.1.2.3"), hosts.forInstruction(Optional.of("none")).extraHosts(), "every step has them");
    }
}
