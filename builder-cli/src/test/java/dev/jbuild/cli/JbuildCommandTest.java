package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

class JbuildCommandTest {

    @Test
    void everyCommandIsListedUnderTheNameItsAnnotationGives() {
        JbuildCommand.COMMANDS.forEach((name, type) -> assertEquals(type.getAnnotation(Command.class).name(), name, type.getName()));
    }
}
