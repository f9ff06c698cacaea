package dev.jbuild.dockerfile.instruction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.dockerfile.Dockerfile;
import dev.jbuild.dockerfile.DockerfileException;
import dev.jbuild.dockerfile.DockerfileParser;
import dev.jbuild.dockerfile.Stage;
import dev.jbuild.dockerfile.shell.Variables;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InstructionFactoryTest {

    private static Instruction second(String line) {
        return DockerfileParser.parse("FROM a\n" + line + "\n").stages().get(0).instructions().get(0);
    }

    @Test
    void everyInstruction() {
        Dockerfile df = DockerfileParser.parse(String.join("\n",
                "ARG BASE=busybox",
                "FROM --platform=linux/amd64 ${BASE} AS build",
                "RUN --mount=type=cache,target=/c --network=none --security=insecure make",
                "RUN [\"/bin/sh\", \"-c\", \"echo\"]",
                "CMD [\"run\"]",
                "ENTRYPOINT /entry.sh",
                "SHELL [\"/bin/bash\", \"-c\"]",
                "LABEL a=b \"c d\"=e",
                "ENV A=1 B=\"two words\"",
                "ENV LEGACY value with spaces",
                "ARG X Y=2",
                "EXPOSE 80/tcp 53/udp",
                "VOLUME [\"/data\"]",
                "USER app:app",
                "WORKDIR /src",
                "STOPSIGNAL SIGINT",
                "MAINTAINER someone",
                "COPY --from=other --chown=app:app --chmod=755 --link --parents --exclude=*.md --exclude=*.txt a b /dst/",
                "ADD --checksum=sha256:abc --keep-git-dir --unpack=false https://x/y.tar /z",
                "ONBUILD RUN echo triggered",
                "HEALTHCHECK --interval=1m30s --timeout=3s --start-period=1s --start-interval=500ms --retries=3 CMD curl -f http://localhost/",
                "FROM scratch",
                "HEALTHCHECK NONE",
                ""));
        assertEquals(1, df.metaArgs().size());
        Stage build = df.stages().get(0);
        assertEquals(Optional.of("build"), build.name());
        assertEquals(Optional.of("linux/amd64"), build.from().platform());
        List<Instruction> in = build.instructions();
        Run run = (Run) in.get(0);
        assertEquals(List.of("type=cache,target=/c"), run.mounts());
        assertEquals(Optional.of("none"), run.network());
        assertTrue(run.command().shellForm());
        assertEquals(List.of("/bin/sh", "-c", "echo"), ((Run) in.get(1)).command().args());
        assertFalse(((Cmd) in.get(2)).command().shellForm());
        assertEquals(List.of("/bin/sh", "-c", "/entry.sh"), ((Entrypoint) in.get(3)).command().argv(List.of("/bin/sh", "-c")));
        assertEquals(List.of("/bin/bash", "-c"), ((Shell) in.get(4)).shell());
        assertEquals(List.of(new KeyValue("a", "b"), new KeyValue("\"c d\"", "e")), ((Label) in.get(5)).labels());
        assertEquals(new KeyValue("LEGACY", "value with spaces"), ((Env) in.get(7)).variables().get(0));
        assertEquals(List.of(new Arg.Declaration("X", Optional.empty()), new Arg.Declaration("Y", Optional.of("2"))),
                ((Arg) in.get(8)).declarations());
        assertEquals(List.of("80/tcp", "53/udp"), ((Expose) in.get(9)).ports());
        assertEquals(List.of("/data"), ((Volume) in.get(10)).paths());
        assertEquals("app:app", ((User) in.get(11)).user());
        assertEquals("/src", ((Workdir) in.get(12)).path());
        assertEquals("SIGINT", ((StopSignal) in.get(13)).signal());
        assertEquals("someone", ((Maintainer) in.get(14)).name());
        Copy copy = (Copy) in.get(15);
        assertEquals(List.of("a", "b"), copy.sources());
        assertEquals("/dst/", copy.destination());
        assertEquals(Optional.of("other"), copy.from());
        assertEquals(Optional.of("755"), copy.chmod());
        assertTrue(copy.link() && copy.parents());
        assertEquals(List.of("*.md", "*.txt"), copy.excludes());
        Add add = (Add) in.get(16);
        assertEquals(Optional.of("sha256:abc"), add.checksum());
        assertTrue(add.keepGitDir());
        assertEquals(Optional.of(false), add.unpack());
        Onbuild onbuild = (Onbuild) in.get(17);
        assertEquals("RUN echo triggered", onbuild.expression());
        assertTrue(onbuild.trigger() instanceof Run);
        Healthcheck hc = (Healthcheck) in.get(18);
        assertEquals(Optional.of(Duration.ofSeconds(90)), hc.interval());
        assertEquals(Optional.of(Duration.ofMillis(500)), hc.startInterval());
        assertEquals(Optional.of(3), hc.retries());
        assertEquals(List.of("curl -f http://localhost/"), hc.test().orElseThrow().args());
        assertTrue(((Healthcheck) df.stages().get(1).instructions().get(0)).disables());
        assertEquals(22, df.stages().get(1).from().range().startLine());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "COPY --doit=true a b|unknown flag for COPY: --doit",
        "CMD --doit echo|unknown flag for CMD: --doit",
        "COPY --chown a b|missing a value on flag --chown of COPY",
        "COPY --link=maybe a b|expecting boolean value for flag --link, not: maybe",
        "COPY onlyone|COPY requires at least two arguments, but only 1 provided (SOURCE... DESTINATION)",
        "ADD --from=x a b|unknown flag for ADD: --from",
        "RUN --network=bridge make|unsupported network mode for RUN: bridge (default, none or host)",
        "RUN|RUN requires at least one argument",
        "SHELL /bin/sh -c|SHELL requires the arguments to be in JSON form",
        "USER|USER requires exactly one argument",
        "EXPOSE|EXPOSE requires at least one argument",
        "ONBUILD ONBUILD RUN x|chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed",
        "ONBUILD FROM x|FROM isn't allowed as an ONBUILD trigger",
        "HEALTHCHECK --interval=fast CMD x|invalid duration \"fast\"",
        "HEALTHCHECK --retries=-1 CMD x|--retries cannot be negative (-1)",
        "HEALTHCHECK NONE x|HEALTHCHECK NONE takes no other arguments",
        "HEALTHCHECK CHECK x|unknown type \"CHECK\" in HEALTHCHECK (try CMD)",
        "FROM a AS 1x|invalid name for build stage: \"1x\", name can't start with a number or contain symbols",
        "FROM a b|FROM requires either one or three arguments (FROM IMAGE [AS NAME])",
        "BOGUS x|unknown instruction: BOGUS",
    })
    void invalidInstructionsNameTheProblem(String line, String message) {
        DockerfileException e = assertThrows(DockerfileException.class,
                () -> DockerfileParser.parse("FROM a\n" + line + "\n"));
        assertEquals(message, e.reason());
        assertEquals(2, e.line());
    }

    @Test
    void noFromIsAnError() {
        DockerfileException e = assertThrows(DockerfileException.class, () -> DockerfileParser.parse("ARG A\nRUN x\n"));
        assertEquals(2, e.line());
    }

    @Test
    void expandableInstructionsExpandAndOthersDoNot() {
        Variables vars = Variables.of(Map.of("V", "val", "D", "/dir", "P", "8080"));
        Expander x = new Expander('\\', vars);
        assertEquals("/dir", ((Workdir) second("WORKDIR $D")).expand(x).path());
        Copy copy = ((Copy) second("COPY ${V} ${D}/")).expand(x);
        assertEquals(List.of("val"), copy.sources());
        assertEquals("/dir/", copy.destination());
        assertEquals(List.of("8080", "9090"), ((Expose) second("EXPOSE $P 9090")).expand(x).ports());
        assertEquals("x val y", ((Env) second("ENV A=\"x $V y\"")).expand(x).variables().get(0).value());
        assertEquals(Optional.of("val"), ((Arg) second("ARG A=$V")).expand(x).declarations().get(0).defaultValue());
        assertEquals(List.of("type=cache,id=val"), ((Run) second("RUN --mount=type=cache,id=$V true")).expand(x).mounts());
        assertEquals(List.of("echo $V"), ((Run) second("RUN echo $V")).expand(x).command().args());
        assertFalse(second("CMD echo $V") instanceof Expandable);
        assertTrue(x.used().containsAll(List.of("V", "D", "P")));
    }

    @Test
    void stageLookupByNameOrIndex() {
        Dockerfile df = DockerfileParser.parse("FROM a AS Build\nFROM b\n");
        assertEquals(0, df.stage("build").orElseThrow().index());
        assertEquals(1, df.stage("1").orElseThrow().index());
        assertTrue(df.stage("nope").isEmpty());
    }
}
