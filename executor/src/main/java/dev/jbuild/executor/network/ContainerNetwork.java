package dev.jbuild.executor.network;

import dev.jbuild.executor.sandbox.SandboxException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A container's network, fixed when it is created: the host's, none (a loopback only), or private (a
 * network namespace of its own with outbound access through slirp4netns, and published ports), with the
 * extra /etc/hosts entries and name servers it was given.
 *
 * @param namespace a private network namespace to join (a build's shared one, {@link SharedNetwork}), or null: its own
 */
public record ContainerNetwork(Mode mode, List<PortMapping> ports, List<String> extraHosts, List<String> dns, String namespace) {
    /** The container's address on the private network, and what slirp4netns answers DNS at. */
    static final String PRIVATE_ADDRESS = "10.0.2.100";
    private static final String PRIVATE_DNS = "10.0.2.3";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    public static final ContainerNetwork HOST = new ContainerNetwork(Mode.HOST, List.of(), List.of(), List.of(), null);
    public static final ContainerNetwork NONE = new ContainerNetwork(Mode.NONE, List.of(), List.of(), List.of(), null);
    public static final ContainerNetwork PRIVATE = new ContainerNetwork(Mode.PRIVATE, List.of(), List.of(), List.of(), null);

    public enum Mode {
        HOST, NONE, PRIVATE;

        public String option() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ContainerNetwork {
        ports = List.copyOf(ports);
        extraHosts = List.copyOf(extraHosts);
        dns = List.copyOf(dns);
    }

    /** {@code HOST:IP} (or HOST=IP), as --add-host takes it, checked; kept as "HOST IP". */
    public static String hostEntry(String spec) {
        int at = spec.indexOf('=') >= 0 ? spec.indexOf('=') : spec.indexOf(':');
        String host = at > 0 ? spec.substring(0, at) : "";
        String ip = at > 0 ? spec.substring(at + 1) : "";
        if (host.isEmpty() || host.contains(" ") || !isAddress(ip)) {
            throw new SandboxException("invalid --add-host " + spec + ": expected HOST:IP", 125);
        }
        return host + " " + ip;
    }

    /** A --dns address, checked. */
    public static String nameServer(String ip) {
        if (!isAddress(ip)) {
            throw new SandboxException("invalid --dns " + ip + ": expected an IP address", 125);
        }
        return ip;
    }

    private static boolean isAddress(String text) {
        return IPV4.matcher(text).matches() || IPV6.matcher(text).matches();
    }

    public boolean isNone() {
        return mode == Mode.NONE;
    }

    /** The plain network of that mode. */
    public static ContainerNetwork of(Mode mode) {
        return switch (mode) {
            case HOST -> HOST;
            case NONE -> NONE;
            case PRIVATE -> PRIVATE;
        };
    }

    /** The same with {@code hosts} ("HOST IP" entries, see {@link #hostEntry}) in its /etc/hosts. */
    public ContainerNetwork withExtraHosts(List<String> hosts) {
        return hosts.equals(extraHosts) ? this : new ContainerNetwork(mode, ports, hosts, dns, namespace);
    }

    /** The private network that joins {@code path} rather than making its own. */
    static ContainerNetwork joining(String path) {
        return new ContainerNetwork(Mode.PRIVATE, List.of(), List.of(), List.of(), path);
    }

    /**
     * The sandbox program's NETWORK argument: host, none, join:PATH, or private with PROTO/HOSTIP/HOSTPORT/CONTAINERPORT
     * for each port.
     */
    public String sandboxArgument() {
        if (namespace != null) {
            return "join:" + namespace;
        }
        StringBuilder arg = new StringBuilder(mode.option());
        for (PortMapping p : ports) {
            arg.append(',').append(p.sandboxForm());
        }
        return arg.toString();
    }

    /** The container's /etc/hosts: localhost, its host name at its address, then --add-host's entries. */
    public String hostsFile(String hostname) {
        StringBuilder hosts = new StringBuilder("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n")
                .append(mode == Mode.PRIVATE ? PRIVATE_ADDRESS : "127.0.1.1").append('\t').append(hostname).append('\n');
        for (String entry : extraHosts) {
            int space = entry.indexOf(' ');
            hosts.append(entry.substring(space + 1)).append('\t').append(entry, 0, space).append('\n');
        }
        return hosts.toString();
    }

    /** The container's /etc/resolv.conf: --dns's servers, else slirp4netns's resolver (private) or the host's file. */
    public String resolvConf(String hostFile) {
        if (mode == Mode.NONE) {
            return "";
        }
        if (!dns.isEmpty()) {
            StringBuilder conf = new StringBuilder();
            dns.forEach(ip -> conf.append("nameserver ").append(ip).append('\n'));
            return conf.toString();
        }
        return mode == Mode.PRIVATE ? "nameserver " + PRIVATE_DNS + "\n" : hostFile;
    }

    /** The PORTS column of ps. */
    public String describePorts() {
        return String.join(", ", ports.stream().map(PortMapping::describe).toList());
    }
}
