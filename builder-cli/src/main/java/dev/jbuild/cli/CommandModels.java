package dev.jbuild.cli;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A command's picocli model from the {@code <Class>Model} cli-codegen generated at compile time, so that no
 * command line is parsed by reading annotations at run time; classes without one (picocli's own help
 * command) are modelled by picocli from their annotations.
 */
final class CommandModels {
    private CommandModels() {
    }

    /** The model of command, whose parent command (for @ParentCommand fields) is parent, or null at the top. */
    static CommandSpec of(Object command, Object parent) {
        try {
            return (CommandSpec) call("spec", command, parent);
        } catch (ClassNotFoundException e) {
            return CommandSpec.forAnnotatedObject(command);
        }
    }

    /** The generated rows of command's arguments for QuickCommandLine (null: it has subcommands). */
    @SuppressWarnings("unchecked")
    static List<Object[]> arguments(Object command, Object parent) throws ClassNotFoundException {
        return (List<Object[]>) call("arguments", command, parent);
    }

    private static Object call(String method, Object command, Object parent) throws ClassNotFoundException {
        Class<?> type = command.getClass();
        Class<?> model = Class.forName(type.getName() + "Model", true, type.getClassLoader());
        try {
            return model.getMethod(method, type, Object.class).invoke(null, command, parent);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot build the model of " + type.getName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build the model of " + type.getName(), e);
        }
    }
}
