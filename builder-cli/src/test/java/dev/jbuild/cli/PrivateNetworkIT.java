package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.jbuild.cli.JbuildProcess.Result;
import dev.jbuild.executor.network.PrivateNetwork;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * run's private network through the real launcher: a network namespace joined to a real slirp4netns,
 * ports published to the host and fetched over HTTP from here, the host's loopback out of reach, and
 * the forwarder gone with the container (stop) and with a killed jbuild. scripts/test.sh makes /dev/net/tun
 * usable and then requires them to run; elsewhere they skip saying why.
 */
class PrivateNetworkIT extends BusyboxStoreTest {
    /** A busybox httpd as the container's command, serving {@code page} at / on port 8080. */
    private static List<String> httpd(String page) {
        return List.of("sh", "-c", "mkdir /www && echo " + page + " > /www/index.html && exec httpd -f -p 8080 -h /www");
    }

    @BeforeEach
    void requirePrivateNetwork() {
        Optional<String> why = PrivateNetwork.unavailable();
        if ("required".equals(System.getenv("JBUILD_TEST_PRIVATE_NETWORK"))) {
            assertEquals(Optional.empty(), why, "scripts/test.sh made /dev/net/tun usable: the private network must work");
        }
        Assumptions.assumeTrue(why.isEmpty(), () -> "no private network on this host: " + why.orElse(""));
    }

    private Result jbuild(String... args) throws Exception {
        return JbuildProcess.inStore(store, args);
    }

    private String ok(String... args) throws Exception {
        return JbuildProcess.okInStore(store, args).out();
    }

    private String run(List<String> options, List<String> command) throws Exception {
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(options);
        args.add("busybox");
        args.addAll(command);
        return ok(args.toArray(String[]::new));
    }

    @Test
    void twoContainersServeOnTheirPublishedPortsAndStopTakesTheirForwarders() throws Exception {
        int one = freePort();
        int two = freePort();
        String first = run(List.of("-d", "-p", one + ":8080"), httpd("first")).strip();
        String second = run(List.of("-d", "-p", "127.0.0.1:" + two + ":8080"), httpd("second")).strip();
        try {
            assertEquals("first\n", get(one));
            assertEquals("second\n", get(two));
            assertTrue(ok("ps").contains("0.0.0.0:" + one + "->8080/tcp"), ok("ps"));
            assertEquals("8080/tcp -> 127.0.0.1:" + two + "\n", ok("port", second));
            assertEquals("0.0.0.0:" + one + "\n", ok("port", first, "8080"));
            Result none = jbuild("port", first, "81/udp");
            assertEquals("jbuild: port: no public port '81/udp' published for " + first + "\n", none.err());
            List<Long> forwarders = forwarders(store.resolve("containers").resolve(first));
            assertEquals(1, forwarders.size(), "one slirp4netns for the container");
            ok("stop", "-t", "1", first);
            awaitGone(forwarders);
            assertEquals("second\n", get(two), "the other container keeps its port");
        } finally {
            jbuild("stop", "-t", "1", first, second);
        }
    }

    @Test
    void publishAllTakesTheImagesExposedPortsAndATakenPortIsOneLine() throws Exception {
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nEXPOSE 8080\nRUN mkdir /www && echo exposed > /www/index.html\n"
                + "CMD [\"httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/www\"]\n");
        ok("build", "-q", "-t", "web", ctx.toString());
        String id = ok("run", "-d", "-P", "web").strip();
        try {
            String published = ok("port", id, "8080/tcp").strip();
            assertTrue(published.matches("0\\.0\\.0\\.0:\\d+"), published);
            assertEquals("exposed\n", get(Integer.parseInt(published.substring(published.indexOf(':') + 1))));
        } finally {
            jbuild("stop", "-t", "1", id);
        }
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            Result r = jbuild("run", "--rm", "-p", taken.getLocalPort() + ":80", "busybox", "true");
            assertEquals(125, r.exitCode(), r::toString);
            assertTrue(r.err().startsWith("jbuild: run: cannot publish 0.0.0.0:" + taken.getLocalPort()
                    + "/tcp: the port is already in use"), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
        Result bad = jbuild("run", "--rm", "-p", "80:80:80", "busybox", "true");
        assertEquals("jbuild: run: invalid published port 80:80:80: the host address must be an IPv4 address\n", bad.err());
        assertEquals(125, bad.exitCode());
        Result badHost = jbuild("run", "--rm", "--add-host", "db", "busybox", "true");
        assertEquals("jbuild: run: invalid --add-host db: expected HOST:IP\n", badHost.err());
        assertEquals(List.of(id.substring(0, 12)), ok("ps", "-aq").lines().toList(), "nothing is left of the refused runs");
    }

    /** slirp4netns runs with --disable-host-loopback, as Podman's default: 10.0.2.2 does not lead to the host's 127.0.0.1. */
    @Test
    void outboundReachesTheHostsAddressesButNotItsLoopback() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "from the host\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            Result loopback = jbuild("run", "--rm", "busybox", "sh", "-c", fetch("10.0.2.2", port));
            assertNotEquals(0, loopback.exitCode(), loopback::toString);
            assertTrue(loopback.err().contains("Network is unreachable"), loopback::toString);
            assertEquals(0, requests.get(), "the host's loopback is out of reach");
            Optional<String> address = hostAddress();
            Assumptions.assumeTrue(address.isPresent(), "this host has no address but loopback to reach it by");
            assertTrue(run(List.of("--rm"), List.of("sh", "-c", fetch(address.get(), port))).endsWith("\r\n\r\nfrom the host\n"));
            assertEquals(1, requests.get());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void etcFilesFollowTheOptionsAndBuildsTakeThePrivateNetworkWhenAsked() throws Exception {
        String out = run(List.of("--rm", "--hostname", "web", "--add-host", "db:10.1.2.3", "--dns", "9.9.9.9"),
                List.of("sh", "-c", "hostname; cat /etc/resolv.conf /etc/hosts; ip -o -4 addr show tap0 | grep -o 'inet [0-9./]*'"));
        assertEquals("web\nnameserver 9.9.9.9\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n10.0.2.100\tweb\n"
                + "10.1.2.3\tdb\ninet 10.0.2.100/24\n", out);
        assertEquals("nameserver 10.0.2.3\n", run(List.of("--rm"), List.of("cat", "/etc/resolv.conf")));
        assertEquals("", run(List.of("--rm", "--network", "host"), List.of("sh", "-c", "ip -o link | grep -o tap0 || true")));

    }

    @Test
    void buildStepsShareOnePrivateNetworkByDefaultAndLeaveItOnlyWhenAllowed() throws Exception {
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nRUN ip -o -4 addr show tap0 | grep -o 'inet [0-9./]*' > /addr\n"
                + "RUN ip -o link | grep -c tap0 > /again\n");
        ok("build", "-q", "-t", "in-private", ctx.toString());
        assertEquals("inet 10.0.2.100/24\n1\n", ok("run", "--rm", "in-private", "cat", "/addr", "/again"));
        assertEquals(List.of(), forwarders(store), "the build's slirp4netns ended with it");
        Result host = jbuild("build", "--network", "host", "-t", "on-host", ctx.toString());
        assertNotEquals(0, host.exitCode(), "the host's network has no tap0, and the private step's cache is not taken: " + host);

        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nRUN --network=host ip -o link > /links\n");
        Result refused = jbuild("build", "-q", ctx.toString());
        assertEquals(1, refused.exitCode(), refused::toString);
        assertEquals("jbuild: build: " + ctx.resolve("Dockerfile") + ":2: RUN --network=host needs the network.host entitlement:"
                + " build --allow network.host\n", refused.err());
        ok("build", "-q", "--allow", "network.host", "-t", "allowed", ctx.toString());
        assertEquals("0\n", ok("run", "--rm", "allowed", "sh", "-c", "grep -c tap0 /links || true"), "the step was on the host's network");
    }

    @Test
    void aKilledJbuildTakesItsForwarderWithIt() throws Exception {
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder(JbuildProcess.LAUNCHER.toString(), "run", "--rm", "-p", port + ":8080", "busybox",
                "sleep", "60").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("JBUILD_ROOT", store.toString());
        pb.environment().remove("JBUILD_USERNS");
        Process jbuild = pb.start();
        try {
            List<Long> forwarders = List.of();
            for (int i = 0; i < 300 && forwarders.isEmpty(); i++) { // until the container is up (a hang guard, not a measure)
                Thread.sleep(100);
                forwarders = forwarders(store);
            }
            assertEquals(1, forwarders.size(), "slirp4netns started");
            jbuild.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            jbuild.destroyForcibly();
            awaitGone(forwarders);
        } finally {
            jbuild.destroyForcibly();
            jbuild.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The slirp4netns processes working under {@code dir} (their working directory is the container's, or the build's). */
    private static List<Long> forwarders(Path dir) throws IOException {
        Path under = dir.toRealPath();
        List<Long> found = new ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    Path cwd = Files.readSymbolicLink(p.resolve("cwd"));
                    if (cmd.startsWith("slirp4netns\0") && cwd.startsWith(under)) {
                        found.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException gone) {
                    // ended meanwhile, or not ours to read
                }
            }
        }
        return found;
    }

    /** Each process gone, or a zombie left to whatever reaps orphans here (a hang guard of 15 s, not a measure). */
    private static void awaitGone(List<Long> pids) throws InterruptedException {
        for (long pid : pids) {
            for (int i = 0; i < 150 && running(pid); i++) {
                Thread.sleep(100);
            }
            assertFalse(running(pid), "slirp4netns " + pid + " is still running");
        }
    }

    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    /** A shell command that GETs / from the address with busybox nc (its wget crashes on name lookup in a libc-less image). */
    private static String fetch(String address, int port) {
        return "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 5 " + address + " " + port;
    }

    private static String get(int port) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        IOException last = null;
        for (int i = 0; i < 50; i++) { // httpd may still be starting in the container
            try {
                return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw last;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** An IPv4 address of this host's own, not loopback: what a container reaches the host by. */
    private static Optional<String> hostAddress() throws IOException {
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress a : nic.inetAddresses().toList()) {
                    if (a instanceof Inet4Address) {
                        return Optional.of(a.getHostAddress());
                    }
                }
            }
        }
        return Optional.empty();
    }
}
