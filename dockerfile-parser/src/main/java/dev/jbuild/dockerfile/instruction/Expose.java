package dev.jbuild.dockerfile.instruction;

import dev.jbuild.dockerfile.SourceRange;
import java.util.List;

/** {@code EXPOSE 80/tcp 53/udp ...}. */
public record Expose(List<String> ports, String original, SourceRange range)
        implements Instruction, Expandable<Expose> {

    public Expose {
        ports = List.copyOf(ports);
    }

    @Override
    public Expose expand(Expander x) {
        return new Expose(ports.stream().flatMap(p -> x.words(p).stream()).toList(), original, range);
    }
}
