package dev.releasewatch.alert;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.AlertState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The gauge {@code releasewatch_alert_firing{scope,subject,severity}}: how many incidents are open (FIRING, not yet
 * RESOLVED) per scope, subject and severity, so Prometheus and Grafana see the feed alerts (annotations, panels,
 * rules) without reading the alerts topic.
 *
 * <p><b>Bounded.</b> Subjects are group names, which are unbounded: only the first {@link #maxSubjects} distinct
 * subjects that fire get their own series; later ones count under {@code subject="other"}. A series, once there,
 * stays (at 0 when nothing is open) so a graph does not break; the number of series is at most scopes x (cap + 1)
 * x severities. The alerts topic is replayed in order on start, so the same subjects get their own series again
 * after a restart.
 */
public final class FiringAlerts implements AlertListener {

    /** Gauge name (Prometheus: {@code releasewatch_alert_firing}). */
    public static final String FIRING = "releasewatch_alert_firing";
    /** Subject label of the subjects past the cap. */
    public static final String OTHER = "other";
    /** Default cap on the subjects with a series of their own. */
    public static final int DEFAULT_MAX_SUBJECTS = 100;

    private final MeterRegistry registry;
    private final int maxSubjects;
    /** Open incidents by alertId: their series. Guarded by this. */
    private final Map<String, List<String>> open = new HashMap<>();
    /** Subjects with their own series. Guarded by this. */
    private final Set<String> named = new HashSet<>();

    private final Map<List<String>, AtomicInteger> series = new ConcurrentHashMap<>();

    /** Registers the gauges in {@code registry} as series appear. */
    public FiringAlerts(MeterRegistry registry, int maxSubjects) {
        this.registry = registry;
        this.maxSubjects = maxSubjects;
    }

    @Override
    public synchronized void onAlert(Alert alert) {
        List<String> previous = open.remove(alert.getAlertId());
        if (previous != null) {
            series.get(previous).decrementAndGet();
        }
        if (alert.getState() == AlertState.FIRING) {
            List<String> key = List.of(
                    alert.getScope().name(),
                    subjectLabel(alert.getScope().name() + "/" + alert.getSubject(), alert.getSubject()),
                    alert.getSeverity().name().toLowerCase(Locale.ROOT));
            open.put(alert.getAlertId(), key);
            series.computeIfAbsent(key, this::register).incrementAndGet();
        }
    }

    /** The current value of one series, or 0 when it does not exist (for tests and the page). */
    public int value(String scope, String subject, String severity) {
        AtomicInteger v = series.get(List.of(scope, subject, severity));
        return v == null ? 0 : v.get();
    }

    /** Number of series registered. */
    public int seriesCount() {
        return series.size();
    }

    private String subjectLabel(String scopedSubject, String subject) {
        if (named.contains(scopedSubject)) {
            return subject;
        }
        if (named.size() < maxSubjects) {
            named.add(scopedSubject);
            return subject;
        }
        return OTHER;
    }

    private AtomicInteger register(List<String> key) {
        AtomicInteger value = new AtomicInteger();
        Gauge.builder(FIRING, value, AtomicInteger::get)
                .description("Open feed incidents (FIRING, not yet RESOLVED) by scope, subject and severity")
                .tag("scope", key.get(0))
                .tag("subject", key.get(1))
                .tag("severity", key.get(2))
                .register(registry);
        return value;
    }
}
