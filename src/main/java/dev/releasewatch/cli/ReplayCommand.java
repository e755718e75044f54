package dev.releasewatch.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import dev.releasewatch.alert.AlertJson;
import dev.releasewatch.alert.AlertText;
import dev.releasewatch.app.MonitorRuntime;
import dev.releasewatch.app.ReplaySession;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.feed.FeedFileReader;
import dev.releasewatch.feed.FeedReadOptions;
import dev.releasewatch.feed.SectionClassifier;
import dev.releasewatch.kafka.TemporaryDirectory;
import dev.releasewatch.produce.ProgressReporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code release-watch replay}: publishes a feed file, runs the topology until every window up to the
 * last event is final, writes every alert as JSON Lines and prints a one-line summary. Also the backfill
 * path. Runs isolated (own application id, state and, on a shared cluster, own topics).
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description =
                "Replays a feed file through the monitor until every window is closed; writes the alerts as JSON Lines.")
public final class ReplayCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(
            names = "--file",
            required = true,
            paramLabel = "FEED",
            description = "Feed file (.jsonl, .csv, optionally .gz), or - for standard input.")
    String file;

    @Option(
            names = "--alerts-out",
            paramLabel = "FILE",
            description = "Where to write the alerts, one JSON object a line.")
    Path alertsOut;

    @Option(names = "--quiet", description = "Do not print each alert; only the summary.")
    boolean quiet;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "PT10M",
            description = "Give up after this long (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        if (options.metricsPort == null) {
            options.metricsPort = -1;
        }
        AppConfig base = options.load();
        String source = "file:" + (file.equals("-") ? "stdin" : Path.of(file).getFileName());
        AtomicLong firing = new AtomicLong();
        AtomicLong resolved = new AtomicLong();
        try (BufferedWriter out = alertsOut == null ? null : Files.newBufferedWriter(alertsOut);
                FeedFileReader reader =
                        FeedFileReader.open(file, FeedReadOptions.defaults().withSource(source));
                TemporaryDirectory state = TemporaryDirectory.create("release-watch-replay-state-");
                MonitorRuntime runtime = MonitorRuntime.start(
                        IsolatedRun.isolate(base, "replay", state.path()), SectionClassifier.defaults(), List.of(a -> {
                            (a.getState().name().equals("FIRING") ? firing : resolved).incrementAndGet();
                            if (!quiet) {
                                System.out.println(AlertText.line(a));
                            }
                            if (out != null) {
                                write(out, AlertJson.line(a));
                            }
                        }))) {
            ReplaySession.Result r = ReplaySession.replay(
                    runtime, reader, source, new ProgressReporter(System.err, reader::fractionRead), timeout);
            if (out != null) {
                out.flush();
            }
            long deadLetters = ReplaySession.eventCount(runtime, "dead_letter");
            long duplicates = ReplaySession.eventCount(runtime, "duplicate");
            String skipped = reader.report().malformed() == 0
                    ? ""
                    : String.format(
                            " (%,d malformed lines skipped: %s)",
                            reader.report().malformed(), reader.report().summary());
            System.out.printf(
                    "replayed %,d events%s in %.1f s: %,d FIRING and %,d RESOLVED alerts, %,d duplicates, %,d dead letters, windows final through %s%s%n",
                    r.published(),
                    skipped,
                    r.totalNanos() / 1e9,
                    firing.get(),
                    resolved.get(),
                    duplicates,
                    deadLetters,
                    r.finalThrough(),
                    alertsOut == null ? "" : "; alerts in " + alertsOut);
            if (r.failed() > 0) {
                System.err.printf("release-watch: %,d records were not delivered%n", r.failed());
                return 1;
            }
            if (!r.completed()) {
                System.err.println("release-watch: timed out before every window was final");
                return 1;
            }
            return 0;
        }
    }

    private static void write(BufferedWriter out, String line) {
        try {
            synchronized (out) {
                out.write(line);
                out.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
