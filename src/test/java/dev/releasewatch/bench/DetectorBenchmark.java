package dev.releasewatch.bench;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.releasewatch.avro.ClosedWindow;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.detect.DetectionEngine;
import dev.releasewatch.detect.DetectorSettings;
import dev.releasewatch.detect.FeedSimulator;
import dev.releasewatch.detect.InMemorySubjectStore;
import dev.releasewatch.detect.LongTail;
import dev.releasewatch.detect.WindowOutcome;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Per-window cost of the detection engine on the synthetic feed (~1,950 releases a day, 17 categories, ~700 groups),
 * after 10 weeks of warm-up so every subject has a full history, and the bytes of state it keeps per subject. The
 * {@code tailDayWindow} benchmark adds a long tail ({@link LongTail}: 20,000 groups by the end of the warm-up); a day
 * then costs what its active groups cost only if idle groups are not loaded.
 *
 * <p>Each benchmark call closes the next window of the following weeks; when they run out, the store is reset to the
 * warmed-up snapshot (rare, so its cost is amortised away). {@link #main} runs the benchmarks and then prints the state
 * size.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DetectorBenchmark {

    private static final LocalDate START = LocalDate.of(2020, 6, 1);
    private static final LocalDate WARM_UNTIL = LocalDate.of(2020, 8, 9);
    private static final LocalDate END = LocalDate.of(2020, 9, 30);

    private InMemorySubjectStore warmed;
    private InMemorySubjectStore warmedTail;
    private List<ClosedWindow> tailDays;
    private DetectionEngine tailEngine;
    private int nextTailDay;
    private List<ClosedWindow> hours;
    private List<ClosedWindow> days;
    private DetectionEngine hourEngine;
    private DetectionEngine dayEngine;
    private int nextHour;
    private int nextDay;

    /** Warms an engine on ten weeks of feed and keeps the following weeks' windows to benchmark on. */
    @Setup
    public void setUp() {
        warmed = warmedStore();
        List<ClosedWindow> rest = new FeedSimulator(1, FeedSimulator.Scenario.NORMAL).run(WARM_UNTIL.plusDays(1), END);
        hours = rest.stream()
                .filter(w -> w.getGranularity() == Granularity.HOUR)
                .toList();
        days = rest.stream().filter(w -> w.getGranularity() == Granularity.DAY).toList();
        hourEngine = new DetectionEngine(DetectorSettings.defaults(), warmed.copy());
        dayEngine = new DetectionEngine(DetectorSettings.defaults(), warmed.copy());
        warmedTail = warmedStore(true);
        tailDays = LongTail.added(days);
        tailEngine = new DetectionEngine(DetectorSettings.defaults(), warmedTail.copy());
    }

    private static InMemorySubjectStore warmedStore() {
        return warmedStore(false);
    }

    private static InMemorySubjectStore warmedStore(boolean tail) {
        InMemorySubjectStore store = new InMemorySubjectStore();
        DetectionEngine engine = new DetectionEngine(DetectorSettings.defaults(), store);
        List<ClosedWindow> windows = new FeedSimulator(1, FeedSimulator.Scenario.NORMAL).run(START, WARM_UNTIL);
        for (ClosedWindow w : tail ? LongTail.added(windows) : windows) {
            engine.windowClosed(w);
        }
        return store;
    }

    /** One HOUR window: every category and the feed, early-warning spans included. */
    @Benchmark
    public WindowOutcome hourWindow() {
        if (nextHour == hours.size()) {
            nextHour = 0;
            hourEngine = new DetectionEngine(DetectorSettings.defaults(), warmed.copy());
        }
        return hourEngine.windowClosed(hours.get(nextHour++));
    }

    /** One DAY window: every category, group and the feed. */
    @Benchmark
    public WindowOutcome dayWindow() {
        if (nextDay == days.size()) {
            nextDay = 0;
            dayEngine = new DetectionEngine(DetectorSettings.defaults(), warmed.copy());
        }
        return dayEngine.windowClosed(days.get(nextDay++));
    }

    /** One DAY window with the long tail: the day's active groups, not the 20,000 idle ones, are what it costs. */
    @Benchmark
    public WindowOutcome tailDayWindow() {
        if (nextTailDay == tailDays.size()) {
            nextTailDay = 0;
            tailEngine = new DetectionEngine(DetectorSettings.defaults(), warmedTail.copy());
        }
        return tailEngine.windowClosed(tailDays.get(nextTailDay++));
    }

    /** Runs the benchmarks, then prints the state kept per subject after ten weeks. */
    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                        .include(DetectorBenchmark.class.getSimpleName())
                        .build())
                .run();
        for (boolean tail : new boolean[] {false, true}) {
            InMemorySubjectStore store = warmedStore(tail);
            int subjects = store.prefixScan("s/").size();
            System.out.printf(
                    "state after 10 weeks%s: %d subjects, %d bytes in total, %.0f bytes per subject, largest value %d"
                            + " bytes%n",
                    tail ? " with the tail" : "",
                    subjects,
                    store.totalBytes(),
                    (double) store.totalBytes() / subjects,
                    store.largestValue());
        }
    }
}
