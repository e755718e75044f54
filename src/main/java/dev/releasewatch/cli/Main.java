package dev.releasewatch.cli;

import dev.releasewatch.config.ConfigException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code release-watch}: the command-line entry point. Exit codes: 0 success, 1 the run failed (e.g.
 * records not delivered, broker unreachable), 2 bad arguments or bad configuration (one line on stderr
 * naming the option or key).
 */
@Command(
        name = "release-watch",
        mixinStandardHelpOptions = true,
        version = "release-watch 0.1.0",
        description =
                "Streaming monitor of release-feed activity: counts releases per day, hour, category and group, and alerts on sudden drops.",
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            ProduceCommand.class,
            IngestCommand.class,
            PollCommand.class,
            AcceptCommand.class,
            ReplayCommand.class,
            BenchCommand.class,
            GenerateCommand.class,
            ParseCommand.class,
            EvaluateCommand.class,
            EvaluateNabCommand.class,
            EvaluateScenariosCommand.class,
        })
public final class Main {

    /** Exit code for bad arguments or configuration. */
    public static final int USAGE = 2;

    private Main() {}

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("release-watch: " + e.getMessage() + " (see --help)");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException) {
                commandLine.getErr().println("release-watch: bad configuration: " + e.getMessage());
                return USAGE;
            }
            commandLine.getErr().println("release-watch: " + e);
            LoggerFactory.getLogger(Main.class).debug("Command failed", e);
            return 1;
        });
        return cli.execute(args);
    }
}
