package dev.jbuild.cli.container;

import dev.jbuild.cli.JbuildCommand;
import dev.jbuild.executor.container.Container;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild logs [-f] CONTAINER}: the output of a detached container. */
@Command(name = "logs", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = "Show the output of a container started in the background (run -d, start).")
public final class LogsCommand implements Callable<Integer> {

    @Option(names = {"-f", "--follow"}, description = "Keep printing new output until the container stops.")
    boolean follow;

    @Parameters(paramLabel = "CONTAINER")
    String container;

    @ParentCommand
    JbuildCommand jbuild;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ContainerContext ctx = ContainerContext.open(jbuild.store());
        Container c = ctx.containers().find(container);
        if (!Files.exists(c.log())) {
            return 0;
        }
        try (InputStream in = Files.newInputStream(c.log())) {
            while (true) {
                in.transferTo(System.out);
                System.out.flush();
                if (!follow || !ctx.containers().status(c).running()) {
                    in.transferTo(System.out); // what it wrote just before it stopped
                    System.out.flush();
                    return 0;
                }
                Thread.sleep(100);
            }
        }
    }
}
