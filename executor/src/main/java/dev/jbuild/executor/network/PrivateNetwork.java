package dev.jbuild.executor.network;

import dev.jbuild.executor.network.ContainerNetwork.Mode;
import dev.jbuild.executor.sandbox.Isolation;
import dev.jbuild.executor.sandbox.SandboxException;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Networks for run and build: what a request asks for, checked against what this host can give. The
 * private network is a network namespace joined to slirp4netns (the sandbox program starts it), which
 * needs the program and a /dev/net/tun the user may open.
 */
public final class PrivateNetwork {
    private static final List<Path> SLIRP = List.of(Path.of("/usr/bin/slirp4netns"), Path.of("/usr/local/bin/slirp4netns"));
    private static final Path TUN = Path.of("/dev/net/tun");

    private PrivateNetwork() {
    }

    /** Why this host cannot give a private network, with what to do; empty when it can. */
    public static Optional<String> unavailable() {
        if (Isolation.current() == Isolation.CHROOT) {
            return Optional.of("chroot isolation makes no network namespace");
        }
        if (SLIRP.stream().noneMatch(Files::isExecutable)) {
            return Optional.of("slirp4netns is not installed (apt-get install slirp4netns)");
        }
        if (!Files.isReadable(TUN) || !Files.isWritable(TUN)) {
            return Optional.of(TUN + " is not usable by this user (as root: chmod 0666 " + TUN + ")");
        }
        return Optional.empty();
    }

    /** For `jbuild info`. */
    public static String describe() {
        return unavailable().map(why -> "host only: no private network, " + why)
                .orElse("private (slirp4netns; the default of run and build), host, none");
    }

    /**
     * The network of a new container. {@code requested} null is the default: private where the host
     * can give it, else the host's (as before there was a private network; `jbuild info` tells why).
     * What needs the private network (asking for it, publishing) fails instead, saying why and what to do.
     * Published ports get their free host ports here.
     *
     * @param exposed the image's EXPOSE entries, for {@code publishAll}
     */
    public static ContainerNetwork forRun(String requested, List<String> publish, boolean publishAll, Collection<String> exposed,
                                          List<String> addHosts, List<String> dns, Consumer<String> notes) {
        boolean publishing = !publish.isEmpty() || publishAll && !exposed.isEmpty();
        Mode mode = requested == null ? Mode.PRIVATE : mode(requested);
        Optional<String> why = mode == Mode.PRIVATE ? unavailable() : Optional.empty();
        if (why.isPresent()) {
            if (requested != null || publishing) {
                throw new SandboxException((publishing ? "publishing ports" : "--network private") + " needs a private network: "
                        + why.get() + "; or use --network host", 125);
            }
            mode = Mode.HOST;
        }
        List<PortMapping> ports = new ArrayList<>();
        if (mode == Mode.PRIVATE) {
            publish.forEach(p -> ports.add(PortMapping.parse(p)));
            if (publishAll) {
                exposed.forEach(e -> ports.add(PortMapping.exposed(e)));
            }
        } else if (publishing) {
            if (mode == Mode.NONE) {
                throw new SandboxException("publishing ports needs a network: not with --network none", 125);
            }
            publish.forEach(PortMapping::parse);
            notes.accept("published ports are discarded with the host's network");
        }
        return new ContainerNetwork(mode, onHostPorts(ports), addHosts.stream().map(ContainerNetwork::hostEntry).toList(),
                dns.stream().map(ContainerNetwork::nameServer).toList(), null);
    }

    /**
     * The network of a build's RUN steps: {@code requested} null is the default, private where the host can
     * give it (one namespace the steps share, {@link SharedNetwork}), else the host's; asking for private
     * where it cannot be given fails saying why. {@code allow}: BuildKit's entitlements (network.host);
     * {@code addHosts}: --add-host's HOST:IP entries for every step.
     */
    public static BuildNetwork forBuild(String requested, Collection<String> allow, List<String> addHosts) {
        for (String entitlement : allow) {
            if (!entitlement.equals("network.host")) {
                throw new SandboxException("--allow " + entitlement + " is not supported: jbuild grants network.host", 1);
            }
        }
        Mode mode = requested == null ? Mode.PRIVATE : mode(requested);
        Optional<String> why = mode == Mode.PRIVATE ? unavailable() : Optional.empty();
        if (why.isPresent() && requested != null) {
            throw new SandboxException("--network private needs a private network: " + why.get() + "; or use --network host", 1);
        }
        ContainerNetwork steps = why.isPresent() ? ContainerNetwork.HOST : ContainerNetwork.of(mode);
        return new BuildNetwork(steps.withExtraHosts(addHosts.stream().map(ContainerNetwork::hostEntry).toList()),
                allow.contains("network.host"));
    }

    /** The modes by docker's and podman's names too: bridge and slirp4netns are the private network. */
    private static Mode mode(String name) {
        return switch (name) {
            case "host" -> Mode.HOST;
            case "none" -> Mode.NONE;
            case "private", "bridge", "slirp4netns", "default" -> Mode.PRIVATE;
            default -> throw new SandboxException("--network " + name + " is not supported: use private, host or none", 125);
        };
    }

    /** Each port checked free on the host (one that is taken is named), those without a host port given a free one. */
    private static List<PortMapping> onHostPorts(List<PortMapping> ports) {
        List<PortMapping> placed = new ArrayList<>();
        for (PortMapping p : ports) {
            if (placed.stream().anyMatch(q -> q.hostPort() != 0 && q.hostPort() == p.hostPort() && q.protocol().equals(p.protocol()))) {
                throw new SandboxException("host port " + p.hostPort() + "/" + p.protocol() + " is published twice", 125);
            }
            placed.add(p.onHostPort(bindable(p)));
        }
        return placed;
    }

    /** The port, once bound and let go again here (0: the free one the kernel chose). */
    private static int bindable(PortMapping p) {
        try {
            InetSocketAddress at = new InetSocketAddress(InetAddress.getByName(p.hostIp()), p.hostPort());
            if (p.protocol().equals("udp")) {
                try (DatagramSocket s = new DatagramSocket(at)) {
                    return s.getLocalPort();
                }
            }
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true); // as slirp4netns binds: a port in TIME_WAIT is free to it
                s.bind(at);
                return s.getLocalPort();
            }
        } catch (IOException e) {
            throw new SandboxException("cannot publish " + p.hostIp() + ":" + p.hostPort() + "/" + p.protocol()
                    + ": the port is already in use (" + e.getMessage() + ")", 125);
        }
    }
}
