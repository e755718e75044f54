package dev.releasewatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.config.ConfigLoader;
import dev.releasewatch.feed.FeedFileReader;
import dev.releasewatch.feed.FeedFileWriter;
import dev.releasewatch.feed.FeedFormat;
import dev.releasewatch.feed.synth.FeedSettings;
import dev.releasewatch.feed.synth.GroupTail;
import dev.releasewatch.feed.synth.Mirrors;
import dev.releasewatch.feed.synth.Scenario;
import dev.releasewatch.feed.synth.Scenarios;
import dev.releasewatch.feed.synth.SyntheticFeed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code release-watch generate}: writes a synthetic release feed (the same generator the demo replays) as a feed
 * file, and prints a one-line summary to standard error so that standard output can carry the feed itself.
 */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Write a synthetic release feed (JSON Lines or CSV) for a scenario.",
        sortOptions = false)
public final class GenerateCommand implements Callable<Integer> {

    /** Longest range accepted: generous for backfills, short of a typo like year 20200. */
    static final long MAX_DAYS = 3660;

    static final int MAX_MIRRORS = 10;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--scenario",
            paramLabel = "NAME",
            defaultValue = Scenarios.SPARKS_2020,
            description = "Scenario to generate (default: ${DEFAULT-VALUE}); see --list-scenarios.")
    String scenario;

    @Option(
            names = "--from",
            paramLabel = "DATE",
            description = "First UTC day (default: the scenario's, for sparks-2020 2020-06-01).")
    String from;

    @Option(
            names = "--to",
            paramLabel = "DATE",
            description = "Last UTC day, inclusive (default: the scenario's, for sparks-2020 2020-10-31).")
    String to;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed; same seed, same output (default: 42).")
    Long seed;

    @Option(
            names = "--format",
            paramLabel = "jsonl|csv",
            description = "Output format (default: from the --out extension, else jsonl).")
    String format;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            defaultValue = "-",
            description = "Output file, or - for standard output (default: -).")
    String out;

    @Option(names = "--gzip", description = "Compress with gzip (implied by an --out name ending in .gz).")
    boolean gzip;

    @Option(
            names = "--mirrors",
            paramLabel = "N",
            defaultValue = "0",
            description = "Also announce releases from N mirror sources with small clock offsets "
                    + "(duplicates for de-dup tests; default: 0).")
    int mirrors;

    @Option(
            names = "--mirror-share",
            paramLabel = "F",
            defaultValue = "0.6",
            description = "Share of releases each mirror re-announces (default: ${DEFAULT-VALUE}).")
    double mirrorShare;

    @Option(
            names = "--mirror-delay",
            paramLabel = "DURATION",
            defaultValue = "90s",
            description = "Largest delay of a mirror's re-announcement after its clock time, e.g. 10m "
                    + "(default: ${DEFAULT-VALUE}).")
    String mirrorDelay;

    @Option(
            names = "--mirror-skew-fraction",
            paramLabel = "F",
            defaultValue = "0",
            description = "Fraction of the mirrors' announcements stamped --mirror-skew ahead of when they arrive "
                    + "(file order stays arrival order; default: 0).")
    double mirrorSkewFraction;

    @Option(
            names = "--mirror-skew",
            paramLabel = "DURATION",
            defaultValue = "19h",
            description = "How far ahead a skewed announcement is stamped (default: ${DEFAULT-VALUE}).")
    String mirrorSkew;

    @Option(
            names = "--slow-mirror",
            paramLabel = "DURATION",
            description = "Add a slow mirror (source mirror-slow) re-announcing --mirror-share of the releases this "
                    + "long after the primary, with the primary's stamp, e.g. 3h (default: none).")
    String slowMirror;

    @Option(
            names = "--malformed-fraction",
            paramLabel = "F",
            defaultValue = "0",
            description = "Mix a fraction F (0-0.5) of malformed lines into the output, for hostile-input tests "
                    + "(default: 0).")
    double malformedFraction;

    @Option(
            names = "--groups",
            paramLabel = "N",
            defaultValue = "0",
            description = "Re-attribute half of the releases to a long (Zipf-like) tail of N distinct small groups, as"
                    + " on public indexers; the scenario's groups stay (default: none).")
    int groups;

    @Option(names = "--list-scenarios", description = "List the scenarios and exit.")
    boolean listScenarios;

    @Override
    public Integer call() throws IOException {
        final PrintWriter err = spec.commandLine().getErr();
        if (listScenarios) {
            final PrintWriter stdout = spec.commandLine().getOut();
            for (Scenario s : Scenarios.all()) {
                stdout.printf("%-22s %s%n", s.name(), s.description());
            }
            stdout.flush();
            return 0;
        }
        final Scenario chosen = Scenarios.byName(scenario)
                .orElseThrow(() -> new ParameterException(
                        spec.commandLine(),
                        "Unknown scenario '" + scenario + "'; known: " + String.join(", ", Scenarios.names())));
        final FeedSettings settings = settings(chosen);
        final FeedFormat outputFormat = outputFormat();
        final boolean compress = gzip || out.toLowerCase(Locale.ROOT).endsWith(".gz");

        final long started = System.nanoTime();
        final SyntheticFeed feed = new SyntheticFeed(settings);
        final long events;
        final long malformed;
        try (FeedFileWriter writer =
                FeedFileWriter.open(out, outputFormat, compress, mirrors > 0 || slowMirror != null)) {
            if (malformedFraction > 0) {
                writer.withMalformedLines(malformedFraction, settings.seed());
            }
            final Iterator<ReleaseAnnouncement> it = groups == 0
                    ? feed.iterator()
                    : new GroupTail(feed, groups, GroupTail.DEFAULT_SHARE, settings.seed()).iterator();
            while (it.hasNext()) {
                writer.write(it.next());
            }
            events = writer.written();
            malformed = writer.malformedWritten();
        }
        final long days = ChronoUnit.DAYS.between(settings.from(), settings.to()) + 1;
        err.printf(
                "generated %d events (%s, seed %d%s%s) over %d days %s..%s to %s in %.1f s%n",
                events,
                chosen.name(),
                settings.seed(),
                mirrors > 0 || slowMirror != null ? ", " + (events - feed.size()) + " mirror copies" : "",
                malformed > 0 ? ", " + malformed + " malformed lines" : "",
                days,
                settings.from(),
                settings.to(),
                FeedFileReader.STDIN.equals(out) ? "stdout" : out,
                (System.nanoTime() - started) / 1e9);
        err.flush();
        return 0;
    }

    private FeedSettings settings(final Scenario chosen) {
        FeedSettings settings = chosen.settings();
        final LocalDate first = from == null ? settings.from() : date("--from", from);
        final LocalDate last = to == null ? settings.to() : date("--to", to);
        if (last.isBefore(first)) {
            throw new ParameterException(spec.commandLine(), "--to (" + last + ") is before --from (" + first + ")");
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
            throw new ParameterException(
                    spec.commandLine(), "range " + first + ".." + last + " is longer than " + MAX_DAYS + " days");
        }
        if (mirrors < 0 || mirrors > MAX_MIRRORS) {
            throw new ParameterException(
                    spec.commandLine(), "--mirrors must be between 0 and " + MAX_MIRRORS + ", got " + mirrors);
        }
        if (groups < 0) {
            throw new ParameterException(spec.commandLine(), "--groups must not be negative, got " + groups);
        }
        if (!(malformedFraction >= 0 && malformedFraction <= 0.5)) {
            throw new ParameterException(
                    spec.commandLine(), "--malformed-fraction must be between 0 and 0.5, got " + malformedFraction);
        }
        settings = settings.withRange(first, last);
        if (seed != null) {
            settings = settings.withSeed(seed);
        }
        if (!(mirrorShare >= 0 && mirrorShare <= 1) || !(mirrorSkewFraction >= 0 && mirrorSkewFraction <= 1)) {
            throw new ParameterException(
                    spec.commandLine(), "--mirror-share and --mirror-skew-fraction must be between 0 and 1");
        }
        if (mirrors == 0 && slowMirror == null) {
            return settings;
        }
        try {
            Mirrors m = Mirrors.typical(mirrors)
                    .withCopies(mirrorShare, ConfigLoader.parseDuration(mirrorDelay))
                    .withSkew(mirrorSkewFraction, ConfigLoader.parseDuration(mirrorSkew));
            if (slowMirror != null) {
                m = m.withSlowMirror(ConfigLoader.parseDuration(slowMirror));
            }
            return settings.withMirrors(m);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private FeedFormat outputFormat() {
        if (format != null) {
            try {
                return FeedFormat.parse(format);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--format: " + e.getMessage());
            }
        }
        return FeedFormat.fromFileName(out).orElse(FeedFormat.JSONL);
    }

    private LocalDate date(final String option, final String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new ParameterException(
                    spec.commandLine(), option + ": '" + value + "' is not a date like 2020-06-01");
        }
    }
}
