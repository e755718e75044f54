package dev.releasewatch.alert;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.WindowCount;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The gauges {@code releasewatch_window_releases{scope,subject,granularity}} and
 * {@code releasewatch_window_expected{...}}: the observed count and the expected level of the latest closed window
 * of the whole feed and of each category, read back from the counts topic. They give Grafana a "releases per
 * category" chart without an Avro consumer.
 *
 * <p><b>Bounded.</b> Groups (scope GROUP) are left out: they are unbounded, and the page at {@code /} charts them
 * from the stores. Categories are normalised by the topology to a fixed list, but a feed can still invent sections,
 * so only the first {@link #maxSubjects} category subjects get a series; the others are summed under
 * {@code subject="other"}. A window older than the one a series shows (a replay of the counts topic) does not move
 * it back.
 */
public final class WindowCountGauges implements Consumer<WindowCount> {

    /** Observed releases in the latest closed window. */
    public static final String RELEASES = "releasewatch_window_releases";
    /** Expected releases in the latest closed window (NaN while the baseline is learning). */
    public static final String EXPECTED = "releasewatch_window_expected";
    /** Default cap on category subjects with their own series. */
    public static final int DEFAULT_MAX_SUBJECTS = 64;

    private final MeterRegistry registry;
    private final int maxSubjects;
    private final Set<String> named = new HashSet<>();
    private final Map<List<String>, Latest> series = new ConcurrentHashMap<>();

    /** One series' latest window. */
    private static final class Latest {
        volatile long windowStart = Long.MIN_VALUE;
        volatile double observed;
        volatile double expected = Double.NaN;
    }

    /** Registers the gauges in {@code registry} as series appear. */
    public WindowCountGauges(MeterRegistry registry, int maxSubjects) {
        this.registry = registry;
        this.maxSubjects = maxSubjects;
    }

    @Override
    public synchronized void accept(WindowCount c) {
        if (c.getScope() == Scope.GROUP) {
            return;
        }
        String subject = c.getSubject();
        if (c.getScope() == Scope.CATEGORY && !named.contains(subject)) {
            if (named.size() < maxSubjects) {
                named.add(subject);
            } else {
                subject = FiringAlerts.OTHER;
            }
        }
        List<String> key =
                List.of(c.getScope().name(), subject, c.getGranularity().name());
        Latest latest = series.computeIfAbsent(key, this::register);
        long start = c.getWindowStart().toEpochMilli();
        if (start > latest.windowStart) {
            latest.windowStart = start;
            latest.observed = c.getCount();
            latest.expected = c.getExpected() == null ? Double.NaN : c.getExpected();
        } else if (start == latest.windowStart && FiringAlerts.OTHER.equals(subject)) {
            latest.observed += c.getCount();
            latest.expected = Double.NaN;
        }
    }

    /** The observed count a series shows, or NaN when it does not exist. */
    public double observed(String scope, String subject, String granularity) {
        Latest l = series.get(List.of(scope, subject, granularity));
        return l == null ? Double.NaN : l.observed;
    }

    private Latest register(List<String> key) {
        Latest l = new Latest();
        Gauge.builder(RELEASES, l, x -> x.observed)
                .description("Releases observed in the latest closed window (whole feed and categories)")
                .tags("scope", key.get(0), "subject", key.get(1), "granularity", key.get(2))
                .register(registry);
        Gauge.builder(EXPECTED, l, x -> x.expected)
                .description("Releases expected in the latest closed window (NaN while learning)")
                .tags("scope", key.get(0), "subject", key.get(1), "granularity", key.get(2))
                .register(registry);
        return l;
    }
}
