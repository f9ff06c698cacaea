package dev.jbuild.cli.call;

import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.cli.output.Table;
import dev.jbuild.dockerfile.Dockerfile;
import dev.jbuild.dockerfile.DockerfileException;
import dev.jbuild.dockerfile.DockerfileParser;
import dev.jbuild.dockerfile.Stage;
import java.io.PrintStream;
import java.util.Optional;

/** buildx's --call outline and targets: what a Dockerfile offers, printed instead of building. */
public final class BuildCall {
    private BuildCall() {
    }

    /** Whether {@code call} is one of these (build and check are the build command's own). */
    public static boolean handles(String call) {
        return call.equals("outline") || call.equals("targets");
    }

    public static int run(String call, String text, String displayName, Optional<String> target, PrintStream out) {
        DockerfileOutline outline;
        try {
            outline = new DockerfileOutline(DockerfileParser.parse(text), text);
        } catch (DockerfileException e) {
            throw new JbuildFailure("build: " + e.describe(displayName));
        }
        if (call.equals("targets")) {
            Table table = new Table("TARGET", "DESCRIPTION");
            var targets = outline.targets();
            for (int i = 0; i < targets.size(); i++) { // the last stage is what a build without --target builds, as buildx marks it
                table.add(targets.get(i).name() + (i == targets.size() - 1 ? " (default)" : ""), targets.get(i).description());
            }
            table.print(out);
            return 0;
        }
        Stage stage;
        try {
            stage = outline.stage(target);
        } catch (IllegalArgumentException e) {
            throw new JbuildFailure("build: " + e.getMessage());
        }
        out.println("TARGET:      " + stage.name().orElse(Integer.toString(stage.index())));
        String description = outline.description(stage);
        if (!description.isEmpty()) {
            out.println("DESCRIPTION: " + description);
        }
        var args = outline.args(stage);
        if (!args.isEmpty()) {
            out.println();
            Table table = new Table("BUILD ARG", "VALUE", "LINE", "DESCRIPTION");
            args.forEach(a -> table.add(a.name(), a.value(), displayName + ":" + a.line(), a.description()));
            table.print(out);
        }
        var secrets = outline.secrets(stage);
        if (!secrets.isEmpty()) {
            out.println();
            Table table = new Table("SECRET", "REQUIRED", "LINE");
            secrets.forEach(s -> table.add(s.id(), Boolean.toString(s.required()), displayName + ":" + s.line()));
            table.print(out);
        }
        return 0;
    }
}
