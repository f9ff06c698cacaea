package dev.jbuild.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void mapKeepsTheItemsOrder() throws IOException {
        List<Integer> items = IntStream.range(0, 10_000).boxed().toList();
        assertEquals(items.stream().map(i -> "n" + i).toList(), Parallel.map(items, i -> "n" + i));
    }

    @Test
    void mapThrowsTheWorksIoExceptionAsItWas() {
        FileNotFoundException missing = new FileNotFoundException("f17");
        IOException thrown = assertThrows(IOException.class, () -> Parallel.map(IntStream.range(0, 100).boxed().toList(), i -> {
            if (i == 17) {
                throw missing;
            }
            return i;
        }));
        assertSame(missing, thrown);
    }
}
