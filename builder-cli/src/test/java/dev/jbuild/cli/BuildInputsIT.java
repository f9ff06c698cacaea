package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.cli.JbuildProcess.Result;
import java.nio.file.Files;
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
}
