package dev.releasewatch.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

import dev.releasewatch.config.AppConfig;
import dev.releasewatch.config.ClientProperties;
import dev.releasewatch.feed.FeedFileReader;
import dev.releasewatch.feed.FeedReadOptions;
import dev.releasewatch.produce.FeedPublisher;
import dev.releasewatch.produce.ProgressReporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code release-watch produce}: publishes a feed file to the input topic of an existing cluster. */
@Command(
        name = "produce",
        mixinStandardHelpOptions = true,
        description =
                "Publishes a feed file (JSON Lines or CSV, optionally gzip; - for stdin) to the input topic. Exits 1 if any record was not delivered.")
public final class ProduceCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--file",
            required = true,
            paramLabel = "FEED",
            description = "Feed file (.jsonl, .csv, optionally .gz), or - for standard input.")
    String file;

    @Option(
            names = "--source",
            paramLabel = "ID",
            description = "Source id stamped on every record (default: file:<name>).")
    String source;

    @Option(
            names = "--heartbeat",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description =
                    "At the end, send a heartbeat at the last event time to every partition (default: ${DEFAULT-VALUE}).")
    boolean heartbeat;

    @Override
    public Integer call() throws Exception {
        AppConfig config = options.loadForCluster(spec);
        String sourceId = source != null
                ? source
                : "file:" + (file.equals("-") ? "stdin" : Path.of(file).getFileName());
        ClientProperties clients = new ClientProperties(config);
        try (FeedFileReader reader =
                        FeedFileReader.open(file, FeedReadOptions.defaults().withSource(sourceId));
                FeedPublisher publisher =
                        new FeedPublisher(clients, config.topics().input(), "release-watch-produce")) {
            ProgressReporter progress = new ProgressReporter(System.err, reader::fractionRead);
            publisher.sendAll(reader, progress);
            if (heartbeat && publisher.maxEventTime() != Long.MIN_VALUE) {
                publisher.heartbeat(Instant.ofEpochMilli(publisher.maxEventTime()), sourceId);
            }
            publisher.flush();
            progress.finish(publisher.sent());
            System.err.println(reader.report().summary());
            if (publisher.failed() > 0) {
                System.err.printf(
                        "release-watch: %,d of %,d records were not delivered (first error: %s)%n",
                        publisher.failed(), publisher.sent(), publisher.firstError());
                return 1;
            }
            System.err.printf(
                    "published %,d records to %s%n",
                    publisher.sent(), config.topics().input());
            return 0;
        }
    }
}
