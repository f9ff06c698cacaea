package dev.jbuild.executor.network;

import dev.jbuild.executor.sandbox.SandboxException;

/**
 * One published port: host address and port forwarded to a container port, as {@code -p} writes it.
 *
 * @param hostPort 0 until a free one is chosen ({@code -p 80}, {@code -P})
 */
public record PortMapping(String protocol, String hostIp, int hostPort, int containerPort) {
    private static final String ANY = "0.0.0.0";

    /** {@code [IP:][HOSTPORT:]CONTAINERPORT[/tcp|/udp]}, as docker run -p takes it (single ports, IPv4). */
    public static PortMapping parse(String spec) {
        String rest = spec;
        String protocol = "tcp";
        int slash = rest.lastIndexOf('/');
        if (slash >= 0) {
            protocol = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
            if (!protocol.equals("tcp") && !protocol.equals("udp")) {
                throw bad(spec, "the protocol must be tcp or udp");
            }
        }
        String[] parts = rest.split(":", -1);
        if (parts.length > 3) {
            throw bad(spec, "IPv6 host addresses are not supported");
        }
        String ip = parts.length == 3 ? parts[0] : ANY;
        if (ip.isEmpty()) {
            ip = ANY;
        }
        if (!ip.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw bad(spec, "the host address must be an IPv4 address");
        }
        String host = parts.length >= 2 ? parts[parts.length - 2] : "";
        return new PortMapping(protocol, ip, host.isEmpty() ? 0 : port(spec, host), port(spec, parts[parts.length - 1]));
    }

    /** A container port of the image's EXPOSE ({@code 80/tcp}), to a free host port. */
    public static PortMapping exposed(String exposed) {
        int slash = exposed.indexOf('/');
        String protocol = slash < 0 ? "tcp" : exposed.substring(slash + 1);
        return new PortMapping(protocol, ANY, 0, port(exposed, slash < 0 ? exposed : exposed.substring(0, slash)));
    }

    public PortMapping onHostPort(int port) {
        return new PortMapping(protocol, hostIp, port, containerPort);
    }

    /** {@code 0.0.0.0:8080->80/tcp}, as docker ps shows it. */
    public String describe() {
        return hostIp + ":" + hostPort + "->" + containerPort + "/" + protocol;
    }

    /** {@code 80/tcp}. */
    public String containerSide() {
        return containerPort + "/" + protocol;
    }

    /** How the sandbox program takes it: PROTO/HOSTIP/HOSTPORT/CONTAINERPORT. */
    String sandboxForm() {
        return protocol + "/" + hostIp + "/" + hostPort + "/" + containerPort;
    }

    private static int port(String spec, String text) {
        if (text.contains("-")) {
            throw bad(spec, "port ranges are not supported");
        }
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw bad(spec, "'" + text + "' is not a port number (1-65535)");
    }

    private static SandboxException bad(String spec, String why) {
        return new SandboxException("invalid published port " + spec + ": " + why, 125);
    }
}
