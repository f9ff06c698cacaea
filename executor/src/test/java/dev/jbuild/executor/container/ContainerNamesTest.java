package dev.jbuild.executor.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContainerNamesTest {

    @Test
    void idsAreSixtyFourHexDigitsAndDiffer() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = ContainerNames.newId();
            assertTrue(id.matches("[0-9a-f]{64}"), id);
            ids.add(id);
        }
        assertEquals(1000, ids.size());
    }

    @Test
    void namesAreDockerStyleAndAvoidTakenOnes() {
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < 700; i++) { // more than the 26 x 24 pairs: numbered names follow
            String name = ContainerNames.newName(taken);
            assertTrue(name.matches("[a-z]+_[a-z]+[0-9]{0,2}"), name);
            assertFalse(taken.contains(name), name);
            ContainerNames.checkName(name);
            taken.add(name);
        }
    }
}
