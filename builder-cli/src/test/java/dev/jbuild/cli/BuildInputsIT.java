package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.cli.JbuildProcess.Result;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a build takes besides its context, as buildx spells it: hosts, limits, filters, annotations. */
class BuildInputsIT extends BusyboxStoreTest {
    private String ok(String... args) throws Exception {
        return JbuildProcess.okInStore(store, args).out();
    }

    @Test
    void addHostReachesEveryStepsEtcHostsAndItsCacheKey() throws Exception {
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nRUN grep -h db /etc/hosts > /hosts\nRUN --network=none grep -c db /etc/hosts > /none\n");
        ok("build", "-q", "--add-host", "db:10.1.2.3", "-t", "hosts:1", ctx.toString());
        assertEquals("10.1.2.3\tdb\n1\n", ok("run", "--rm", "hosts:1", "cat", "/hosts", "/none"));
        ok("build", "-q", "--add-host", "db=10.9.9.9", "-t", "hosts:2", ctx.toString());
        assertEquals("10.9.9.9\tdb\n", ok("run", "--rm", "hosts:2", "cat", "/hosts"), "another address is another key");
        Result bad = JbuildProcess.inStore(store, "build", "--add-host", "db", ctx.toString());
        assertEquals(1, bad.exitCode(), bad::toString);
        assertEquals("jbuild: build: invalid --add-host db: expected HOST:IP\n", bad.err());
    }

    @Test
    void ulimitAndShmSizeReachRunStepsAndContainers() throws Exception {
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\n"
                + "RUN ulimit -n > /limits && ulimit -Hn >> /limits && df -k /dev/shm | awk 'NR == 2 { print $2 }' >> /limits\n");
        ok("build", "-q", "--ulimit", "nofile=100:200", "--shm-size", "16m", "-t", "limited", ctx.toString());
        assertEquals("100\n200\n16384\n", ok("run", "--rm", "limited", "cat", "/limits"));
        ok("build", "-q", "-t", "default", ctx.toString());
        assertEquals("65536\n", ok("run", "--rm", "default", "sed", "-n", "3p", "/limits"), "64 MiB of /dev/shm, as docker; another key");
        assertEquals("50\n8192\n", ok("run", "--rm", "--ulimit", "nofile=50", "--shm-size", "8m", "busybox", "sh", "-c",
                "ulimit -n; df -k /dev/shm | awk 'NR == 2 { print $2 }'"));
        Result bad = JbuildProcess.inStore(store, "build", "--ulimit", "files=10", ctx.toString());
        assertEquals(1, bad.exitCode(), bad::toString);
        assertTrue(bad.err().startsWith("jbuild: build: invalid --ulimit files=10: expected NAME=SOFT[:HARD] with NAME one of "), bad.err());
    }

    @Test
    void annotationsLandOnTheManifest() throws Exception {
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nRUN true\n");
        Path oci = work.resolve("oci.tar");
        ok("build", "-q", "--annotation", "org.opencontainers.image.source=https://example.com/app", "--annotation",
                "manifest:com.example.team=build", "-o", "type=oci,dest=" + oci, ctx.toString());
        Path dir = Files.createDirectories(work.resolve("oci"));
        assertEquals(0, Fixtures.exec("tar", "-C", dir.toString(), "-xf", oci.toString()).exitCode());
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        String digest = json.readTree(dir.resolve("index.json").toFile()).get("manifests").get(0).get("digest").asText();
        var manifest = json.readTree(dir.resolve("blobs/sha256/" + digest.substring("sha256:".length())).toFile());
        assertEquals("{\"com.example.team\":\"build\",\"org.opencontainers.image.source\":\"https://example.com/app\"}",
                manifest.get("annotations").toString());
        Result index = JbuildProcess.inStore(store, "build", "--annotation", "index:a=b", ctx.toString());
        assertEquals("jbuild: build: --annotation index:a=b: a build of one platform makes no index (use manifest: or no prefix)\n",
                index.err());
    }

    @Test
    void namedContextsReplaceStagesImagesAndGiveDirectories() throws Exception {
        Path files = Files.createDirectories(work.resolve("files"));
        Files.writeString(files.resolve("data.txt"), "named\n");
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox AS base\nRUN echo stage > /which\n"
                + "FROM base\nCOPY --from=src data.txt /copied\nRUN --mount=from=src,target=/m cat /m/data.txt > /mounted\n");
        ok("build", "-q", "-t", "named", "--build-context", "src=" + files, "--build-context", "base=docker-image://busybox:latest",
                ctx.toString());
        assertEquals("named\nnamed\n", ok("run", "--rm", "named", "cat", "/copied", "/mounted"));
        assertEquals("absent\n", ok("run", "--rm", "named", "sh", "-c", "cat /which 2>/dev/null || echo absent"),
                "the image replaced the stage of that name");

        Path layout = work.resolve("layout");
        ok("copy", "jbuild:busybox:latest", "oci:" + layout + ":bb");
        Files.writeString(ctx.resolve("Dockerfile"), "FROM pinned\nRUN echo from-layout > /l\n");
        ok("build", "-q", "-t", "from-layout", "--build-context", "pinned=oci-layout://" + layout + ":bb", ctx.toString());
        assertEquals("from-layout\n", ok("run", "--rm", "from-layout", "cat", "/l"));

        Files.writeString(ctx.resolve("Dockerfile"), "FROM src\n");
        Result dir = JbuildProcess.inStore(store, "build", "--build-context", "src=" + files, ctx.toString());
        assertEquals("jbuild: build: " + ctx.resolve("Dockerfile") + ":1: FROM src: the build context src is a directory: use it with"
                + " COPY --from or RUN --mount from, or give an image (docker-image://)\n", dir.err());
        Result bad = JbuildProcess.inStore(store, "build", "--build-context", "novalue", ctx.toString());
        assertEquals("jbuild: build: --build-context novalue: expected NAME=VALUE\n", bad.err());
        Result scheme = JbuildProcess.inStore(store, "build", "--build-context", "x=ftp://host/ctx.tar", ctx.toString());
        assertTrue(scheme.err().startsWith("jbuild: build: context ftp://host/ctx.tar: unknown scheme"), scheme.err());
    }

    /** RUN --mount=type=ssh reaches the caller's agent, or one jbuild runs for key files; nothing of it stays. */
    @Test
    void sshMountsReachAnAgentAndLeaveNoTrace() throws Exception {
        Fixtures.requireTool("cc");
        Fixtures.requireTool("ssh-agent");
        Result cc = Fixtures.exec("cc", "-static", "-O2", "-o", ctx.resolve("agent-keys").toString(),
                JbuildProcess.PROJECT.resolve("testdata/ssh/agent-keys.c").toString());
        assertEquals(0, cc.exitCode(), cc::toString);
        Path key = work.resolve("id_ed25519");
        assertEquals(0, Fixtures.exec("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "ci-deploy-key", "-f", key.toString()).exitCode());
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nCOPY agent-keys /usr/local/bin/\n"
                + "RUN --mount=type=ssh agent-keys > /keys && echo $SSH_AUTH_SOCK > /sock\n"
                + "RUN --mount=type=ssh,id=deploy,target=/tmp/agent SSH_AUTH_SOCK=/tmp/agent agent-keys > /deploy-keys\n"
                + "RUN --mount=type=ssh,id=absent agent-keys > /absent-keys 2>&1 || echo skipped > /absent-keys\n");
        Path agentDir = Files.createDirectories(work.resolve("agent"));
        Path socket = agentDir.resolve("sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            for (int i = 0; i < 200 && !Files.exists(socket); i++) { // until it listens (a hang guard)
                Thread.sleep(10);
            }
            ProcessBuilder add = new ProcessBuilder("ssh-add", "-q", key.toString()).redirectErrorStream(true);
            add.environment().put("SSH_AUTH_SOCK", socket.toString());
            assertEquals(0, add.start().waitFor());
            Result build = JbuildProcess.run(Map.of("JBUILD_ROOT", store.toString(), "SSH_AUTH_SOCK", socket.toString()), null,
                    JbuildProcess.PROJECT, "build", "--progress", "plain", "-t", "ssh", "--ssh", "default", "--ssh", "deploy=" + key,
                    ctx.toString());
            assertEquals(0, build.exitCode(), build::toString);
            assertEquals("1\n/run/buildkit/ssh_agent.0\n1\nskipped\n", ok("run", "--rm", "ssh", "cat", "/keys", "/sock", "/deploy-keys",
                    "/absent-keys"), "the caller's agent, jbuild's agent for the key file, and an id not given skipped");
            Path saved = work.resolve("ssh.tar");
            ok("save", "-o", saved.toString(), "ssh");
            String everything = build.out() + build.err() + ok("history", "--no-trunc", "ssh")
                    + new String(Files.readAllBytes(saved), java.nio.charset.StandardCharsets.ISO_8859_1);
            for (String trace : List.of(socket.toString(), key.toString(), "ci-deploy-key", Files.readString(key).lines().toList().get(1))) {
                assertTrue(!everything.contains(trace), "the build's output, history or image holds " + trace);
            }
        } finally {
            agent.destroy();
            agent.waitFor(5, TimeUnit.SECONDS);
        }
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nRUN --mount=type=ssh,id=needed,required=true true\n");
        Result required = JbuildProcess.inStore(store, "build", ctx.toString());
        assertEquals("jbuild: build: " + ctx.resolve("Dockerfile") + ":2: RUN --mount=type=ssh,id=needed: no --ssh needed was given\n",
                required.err());
        Result missing = JbuildProcess.inStore(store, "build", "--ssh", "x=" + work.resolve("no-such-socket"), ctx.toString());
        assertEquals("jbuild: build: --ssh x=" + work.resolve("no-such-socket") + ": " + work.resolve("no-such-socket")
                + " does not exist\n", missing.err());
    }

    /** Without mounts the agent's socket is hard-linked into the step's root: jbuild's own agent, for a key file, listens in the store. */
    @Test
    void underChrootIsolationAKeyFilesAgentReachesTheStep() throws Exception {
        Fixtures.requireTool("capsh");
        Fixtures.requireTool("cc");
        Fixtures.requireTool("ssh-agent");
        assertEquals(0, Fixtures.exec("cc", "-static", "-O2", "-o", ctx.resolve("agent-keys").toString(),
                JbuildProcess.PROJECT.resolve("testdata/ssh/agent-keys.c").toString()).exitCode());
        Path key = work.resolve("id_ed25519");
        assertEquals(0, Fixtures.exec("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()).exitCode());
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nCOPY agent-keys /usr/local/bin/\nRUN --mount=type=ssh,id=k agent-keys\n");
        Path pod = Files.createDirectories(work.resolve("pod"));
        Result imported = LockedDown.jbuild(pod, Map.of(), null, "import", Fixtures.busyboxTar().toString(), "busybox:latest");
        assertEquals(0, imported.exitCode(), imported::toString);
        Result r = LockedDown.jbuild(pod, Map.of(), null, "build", "--progress", "plain", "--ssh", "k=" + key, ctx.toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("\n1\n"), r::toString);
        LockedDown.jbuild(pod, Map.of(), null, "unshare", "rm", "-rf", pod.toString());
    }

    @Test
    void noCacheFilterRunsTheNamedStagesAgainOnly() throws Exception {
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox AS deps\nRUN cat /proc/sys/kernel/random/uuid > /deps\n"
                + "FROM busybox\nRUN cat /proc/sys/kernel/random/uuid > /own\nCOPY --from=deps /deps /deps\n");
        ok("build", "-q", "-t", "f:1", ctx.toString());
        ok("build", "-q", "-t", "f:2", ctx.toString());
        ok("build", "-q", "--no-cache-filter", "deps", "-t", "f:3", ctx.toString());
        String one = ok("run", "--rm", "f:1", "cat", "/deps", "/own");
        assertEquals(one, ok("run", "--rm", "f:2", "cat", "/deps", "/own"), "all cached");
        List<String> three = ok("run", "--rm", "f:3", "cat", "/deps", "/own").lines().toList();
        assertTrue(!one.lines().toList().get(0).equals(three.get(0)), "the deps stage ran again");
        assertEquals(one.lines().toList().get(1), three.get(1), "the other stage's RUN stayed cached");
    }

    @Test
    void aSyntaxDirectiveIsSaidToUseTheBuiltInFrontendAndAForeignOneIsRefused() throws Exception {
        Files.writeString(ctx.resolve("Dockerfile"), "# syntax=docker/dockerfile:1.7\nFROM busybox\nRUN true\n");
        String out = ok("build", "--progress", "plain", ctx.toString());
        assertTrue(out.contains("# syntax=docker/dockerfile:1.7: using jbuild's built-in Dockerfile frontend (the frontend image is"
                + " not pulled)\n"), out);
        Files.writeString(ctx.resolve("Dockerfile"), "# syntax=ghcr.io/acme/yaml:2\nFROM busybox\n");
        Result foreign = JbuildProcess.inStore(store, "build", ctx.toString());
        assertEquals(1, foreign.exitCode(), foreign::toString);
        assertEquals("jbuild: build: " + ctx.resolve("Dockerfile") + ":1: # syntax=ghcr.io/acme/yaml:2 names another frontend than"
                + " Docker's Dockerfile one: jbuild builds with its built-in Dockerfile frontend only\n", foreign.err());
    }

    @Test
    void callTargetsAndOutlineDescribeTheDockerfileWithoutBuilding() throws Exception {
        Files.writeString(ctx.resolve("Dockerfile"), "# syntax=docker/dockerfile:1\nARG BASE=busybox\n\n# deps fetches what the app needs\n"
                + "FROM ${BASE} AS deps\n# the tool's version\nARG TOOL_VERSION=1.2\nRUN --mount=type=secret,id=npmrc,required=true true\n\n"
                + "# release is the image we ship\nFROM ${BASE} AS release\nARG PORT=8080\nCOPY --from=deps /etc/passwd /p\n"
                + "RUN --mount=type=secret,id=aws true\nFROM busybox AS other\nARG UNRELATED\n");
        String dockerfile = ctx.resolve("Dockerfile").toString();
        assertEquals("TARGET            DESCRIPTION\ndeps              fetches what the app needs\nrelease           is the image we ship\n"
                + "other (default)\n", ok("build", "--call", "targets", ctx.toString()).replaceAll(" +\n", "\n"));
        List<String> outline = ok("build", "--call", "outline", "--target", "release", ctx.toString()).lines()
                .map(l -> l.replaceAll("\\s+", " ").strip()).toList();
        assertEquals(List.of("TARGET: release", "DESCRIPTION: is the image we ship", "", "BUILD ARG VALUE LINE DESCRIPTION",
                "BASE busybox " + dockerfile + ":2", "TOOL_VERSION 1.2 " + dockerfile + ":7 the tool's version",
                "PORT 8080 " + dockerfile + ":12", "", "SECRET REQUIRED LINE", "npmrc true " + dockerfile + ":8",
                "aws false " + dockerfile + ":14"), outline);
        assertEquals(1, ok("images", "-q").lines().count(), "nothing was built: busybox alone");
        Files.writeString(ctx.resolve("Dockerfile"), "# syntax=docker/dockerfile:1\n# web serves the page\nFROM busybox AS web\n");
        assertEquals("TARGET          DESCRIPTION\nweb (default)   serves the page\n", ok("build", "--call", "targets", ctx.toString()),
                "the directive above is no part of the description");
        Result bad = JbuildProcess.inStore(store, "build", "--call", "lint", ctx.toString());
        assertEquals("jbuild: build: --call lint is not supported: use build, check, outline or targets\n", bad.err());
        assertEquals(0, JbuildProcess.inStore(store, "build", "--call", "check", ctx.toString()).exitCode());
    }

    private Path contextWithAFile() throws Exception {
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nCOPY hello.txt /\n");
        Files.writeString(ctx.resolve("hello.txt"), "from the tarball\n");
        return ctx;
    }

    @Test
    void aTarContextOnStandardInputAndAPlainDockerfileThereBothBuild() throws Exception {
        contextWithAFile();
        for (String compress : List.of("", "z")) {
            Path tar = work.resolve("ctx.tar" + compress);
            assertEquals(0, Fixtures.exec("tar", "-C", ctx.toString(), "-c" + compress + "f", tar.toString(), ".").exitCode());
            Result r = JbuildProcess.run(Map.of("JBUILD_ROOT", store.toString()), Files.readAllBytes(tar), JbuildProcess.PROJECT,
                    "build", "-q", "-t", "stdin" + compress, "-");
            assertEquals(0, r.exitCode(), r::toString);
            assertEquals("from the tarball\n", ok("run", "--rm", "stdin" + compress, "cat", "/hello.txt"));
        }
        Result plain = JbuildProcess.run(Map.of("JBUILD_ROOT", store.toString()), "FROM busybox\nRUN echo plain > /p\n".getBytes(),
                JbuildProcess.PROJECT, "build", "-q", "-t", "plain", "-");
        assertEquals(0, plain.exitCode(), plain::toString);
        assertEquals("plain\n", ok("run", "--rm", "plain", "cat", "/p"));
    }

    @Test
    void aTarballContextOverHttpBuildsAndAMissingOneIsOneLine() throws Exception {
        contextWithAFile();
        Path tar = work.resolve("ctx.tar.gz");
        assertEquals(0, Fixtures.exec("tar", "-C", ctx.toString(), "-czf", tar.toString(), ".").exitCode());
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestURI().getPath().equals("/ctx.tar.gz") ? Files.readAllBytes(tar) : null;
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            ok("build", "-q", "-t", "remote", base + "/ctx.tar.gz");
            assertEquals("from the tarball\n", ok("run", "--rm", "remote", "cat", "/hello.txt"));
            Path other = Files.createDirectories(work.resolve("other"));
            Files.writeString(other.resolve("Dockerfile"), "FROM busybox\nCOPY --from=tarball hello.txt /named\n");
            ok("build", "-q", "-t", "named-tarball", "--build-context", "tarball=" + base + "/ctx.tar.gz", other.toString());
            assertEquals("from the tarball\n", ok("run", "--rm", "named-tarball", "cat", "/named"), "a tarball as a named context");
            Result missing = JbuildProcess.inStore(store, "build", base + "/nothing.tar.gz");
            assertEquals(1, missing.exitCode(), missing::toString);
            assertEquals("jbuild: build: context " + base + "/nothing.tar.gz: the server answered 404\n", missing.err());
        } finally {
            server.stop(0);
        }
        Result scheme = JbuildProcess.inStore(store, "build", "ftp://example.invalid/ctx.tar");
        assertEquals("jbuild: build: context ftp://example.invalid/ctx.tar: unknown scheme (a directory, -, http(s):// or a git URL)\n",
                scheme.err());
    }

    /** A git context from a real `git daemon` on loopback: a tag and a subdirectory, .git left out unless asked. */
    @Test
    void aGitContextIsClonedAtItsRefAndSubdirectory() throws Exception {
        Fixtures.requireTool("git");
        Path repos = Files.createDirectories(work.resolve("repos"));
        Path repo = Files.createDirectories(repos.resolve("app.git"));
        Files.createDirectories(repo.resolve("app"));
        Files.writeString(repo.resolve("app/Dockerfile"), "FROM busybox\nCOPY . /src/\nRUN ls -a /src | tr '\\n' ' ' > /listing\n");
        Files.writeString(repo.resolve("app/version.txt"), "v1\n");
        for (List<String> git : List.of(List.of("init", "-q"), List.of("add", "."), List.of("-c", "user.name=t", "-c", "user.email=t@t",
                "commit", "-qm", "one"), List.of("tag", "v1"))) {
            List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
            command.addAll(git);
            assertEquals(0, Fixtures.exec(command.toArray(String[]::new)).exitCode(), String.join(" ", git));
        }
        Files.writeString(repo.resolve("app/version.txt"), "v2, not tagged\n");
        Fixtures.exec("git", "-C", repo.toString(), "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "two");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process daemon = new ProcessBuilder("git", "daemon", "--export-all", "--reuseaddr", "--listen=127.0.0.1", "--port=" + port,
                "--base-path=" + repos, repos.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String url = "git://127.0.0.1:" + port + "/app.git";
            Result built = null;
            for (int i = 0; i < 50; i++) { // until the daemon listens (a hang guard, not a measure)
                built = JbuildProcess.inStore(store, "build", "-q", "-t", "from-git", url + "#v1:app");
                if (built.exitCode() == 0 || !built.err().contains("Connection refused")) {
                    break;
                }
                Thread.sleep(100);
            }
            assertEquals(0, built.exitCode(), built::toString);
            assertEquals("v1\n", ok("run", "--rm", "from-git", "cat", "/src/version.txt"));
            assertEquals(". .. Dockerfile version.txt ", ok("run", "--rm", "from-git", "cat", "/listing"));
            ok("build", "-q", "-t", "with-git", "--build-arg", "BUILDKIT_CONTEXT_KEEP_GIT_DIR=1", "-f", "app/Dockerfile", url);
            assertTrue(ok("run", "--rm", "with-git", "cat", "/listing").contains(" .git "), "BUILDKIT_CONTEXT_KEEP_GIT_DIR keeps .git");
            assertEquals("v2, not tagged\n", ok("run", "--rm", "with-git", "cat", "/src/app/version.txt"), "no ref: the default branch");
            Result missing = JbuildProcess.inStore(store, "build", url + "#no-such-ref");
            assertEquals(1, missing.exitCode(), missing::toString);
            assertTrue(missing.err().startsWith("jbuild: build: git context " + url + "#no-such-ref: git fetch failed: "), missing.err());
            assertEquals(1, missing.err().lines().count(), missing.err());

            String v1 = Fixtures.exec("git", "-C", repo.toString(), "rev-parse", "v1").out().strip();
            Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nADD " + url + "#v1:app /app\n"
                    + "ADD --keep-git-dir --checksum=" + v1 + " " + url + "#v1 /full\n");
            ok("build", "-q", "-t", "added", ctx.toString());
            assertEquals("v1\n", ok("run", "--rm", "added", "cat", "/app/version.txt"));
            assertEquals(". .. .git app\n", ok("run", "--rm", "added", "sh", "-c", "ls -a /full | tr '\\n' ' ' | sed 's/ $//'; echo"));
            Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nCOPY --from=src version.txt /named-git\n");
            ok("build", "-q", "-t", "named-git", "--build-context", "src=" + url + "#v1:app", ctx.toString());
            assertEquals("v1\n", ok("run", "--rm", "named-git", "cat", "/named-git"), "a git repository as a named context");
            Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nADD --checksum=" + "0".repeat(40) + " " + url + "#v1 /x\n");
            Result mismatch = JbuildProcess.inStore(store, "build", ctx.toString());
            assertEquals("jbuild: build: " + ctx.resolve("Dockerfile") + ":2: ADD " + url + "#v1: checksum mismatch: expected "
                    + "0".repeat(40) + ", got " + v1 + "\n", mismatch.err());
        } finally {
            daemon.destroy();
            daemon.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
