package dev.jbuild.store.name;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written grammar against the regular expressions of distribution/reference that state it
 * (as ImageName used them), on many strings made of the pieces references are made of.
 */
class ReferenceGrammarTest {
    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String HOST = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[(?:[a-fA-F0-9:]+)\\])";
    private static final Pattern DOMAIN = Pattern.compile(HOST + "(?::[0-9]+)?");
    private static final Pattern PATH = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern REFERENCE = Pattern.compile("^(.+?)(?::([^:/@]+))?(?:@(.+))?$");
    private static final String[] PIECES = {"a", "b9", "z", "0", "A", "Q", ".", "_", "__", "-", "--", "/", ":", "5000", "@",
        "[", "]", "::1", "fe80", "localhost", "sha256", "x.y", "%", " ", "é"};

    private static String randomText(Random random) {
        StringBuilder b = new StringBuilder();
        for (int n = random.nextInt(9); n >= 0; n--) {
            b.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return b.toString();
    }

    @Test
    void agreesWithTheRegularExpressions() {
        Random random = new Random(20261203);
        for (int i = 0; i < 50_000; i++) {
            String text = randomText(random);
            assertEquals(TAG.matcher(text).matches(), ReferenceGrammar.isTag(text), "tag " + text);
            assertEquals(PATH.matcher(text).matches(), ReferenceGrammar.isPath(text), "path " + text);
            assertEquals(DOMAIN.matcher(text).matches(), ReferenceGrammar.isDomain(text), "domain " + text);
            Matcher m = REFERENCE.matcher(text);
            ReferenceGrammar.Split split = ReferenceGrammar.split(text);
            if (!m.matches()) {
                assertNull(split, "reference " + text);
                continue;
            }
            assertEquals(m.end(1), split.nameEnd(), "name of " + text);
            assertEquals(m.group(2) == null ? -1 : m.start(2) - 1, split.tagColon(), "tag of " + text);
            assertEquals(m.group(3) == null ? -1 : m.start(3) - 1, split.digestAt(), "digest of " + text);
        }
    }

    @Test
    void tagsAreAtMost128Characters() {
        assertEquals(true, ReferenceGrammar.isTag("t".repeat(128)));
        assertEquals(false, ReferenceGrammar.isTag("t".repeat(129)));
    }

    @Test
    void aLineBreakMakesNoReference() {
        assertNull(ReferenceGrammar.split("busybox\n"));
        assertNull(ReferenceGrammar.split("busy\rbox:1"));
    }
}
