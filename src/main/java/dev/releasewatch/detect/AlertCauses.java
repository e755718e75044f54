package dev.releasewatch.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.AlertCause;
import dev.releasewatch.avro.AlertState;
import dev.releasewatch.avro.Direction;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.Severity;

/**
 * Says what the sources tell about a drop ({@link AlertCause}), from the {@link SourceWatch}'s last hours, and composes
 * the SOURCE-scope alerts of sources that went silent while the others continue.
 *
 * <p>The rule, over the drop's span (its last {@value SourceWatch#RING} hours at most):
 * <ul>
 *   <li><b>INGEST</b>: no source sent anything, no record and no heartbeat, over the span or over its newest hours
 *   (when the sources usually send at least {@value #INGEST_MIN_EXPECTED} records in them): nothing reached the
 *   monitor, which is what a broken producer, poller or topic looks like (a scene that went quiet still has producers
 *   that say so with heartbeats, or a few releases);</li>
 *   <li><b>SOURCE</b>: a source diverges from the others: it sent less than {@value #DIVERGING_SHARE} of its usual
 *   share of what the others sent (and that share is at least {@value #DIVERGING_MIN_EXPECTED} records), or it is in
 *   a SOURCE incident. Named, with its last record's time;</li>
 *   <li><b>SCENE</b>: otherwise: every live source saw the drop, each roughly in its usual proportion to the others;
 *   the summary lists them with what they sent and what they usually send over such a span.</li>
 * </ul>
 * Judging a source against the others rather than against its own past is what keeps a collapse seen by every mirror
 * a SCENE: all of them fall together, none diverges. When no source activity is known at all (windows from counting
 * tasks older than it, during a rolling upgrade) the cause stays UNSPECIFIED rather than guessed.
 */
final class AlertCauses {

    /** A source sending less than this share of what its peers' activity says it should is diverging. */
    static final double DIVERGING_SHARE = 0.2;
    /** ... when that expectation is at least this many records (fewer cannot tell a pattern from noise). */
    static final double DIVERGING_MIN_EXPECTED = 10;
    /**
     * The newest hours of a span without any record or heartbeat are an ingest gap when the sources usually send at
     * least this many records in them: a drop judged over a longer span (its earlier hours still normal) is INGEST from
     * the first silent hour on, not only once the whole span is silent.
     */
    static final double INGEST_MIN_EXPECTED = 10;

    private static final long HOUR = 3_600_000L;

    private AlertCauses() {}

    /** A cause with the evidence that goes into the summary. */
    record Verdict(AlertCause cause, String evidence) {}

    /**
     * Gives every DROP FIRING alert of {@code alerts} (other than SOURCE-scope ones, which have theirs) its cause and
     * appends the evidence to its summary.
     */
    static List<Alert> classify(List<Alert> alerts, SourceWatch watch) {
        List<Alert> out = new ArrayList<>(alerts.size());
        for (Alert a : alerts) {
            if (a.getState() != AlertState.FIRING
                    || a.getDirection() != Direction.DROP
                    || a.getScope() == Scope.SOURCE) {
                out.add(a);
                continue;
            }
            Verdict v = verdict(
                    watch, a.getWindowStart().toEpochMilli(), a.getWindowEnd().toEpochMilli());
            Alert.Builder b = Alert.newBuilder(a).setCause(v.cause());
            if (!v.evidence().isEmpty()) {
                b.setSummary(a.getSummary() + " — " + v.evidence());
            }
            out.add(b.build());
        }
        return out;
    }

    /** The cause of a drop over [{@code spanStart}, {@code spanEnd}), from the watch's hours up to the newest. */
    static Verdict verdict(SourceWatch watch, long spanStart, long spanEnd) {
        if (!watch.knowsSources()) {
            return new Verdict(AlertCause.UNSPECIFIED, "");
        }
        long newest = watch.newestHour();
        int hours = (int) Math.max(1, Math.min(SourceWatch.RING, (spanEnd - spanStart + HOUR - 1) / HOUR));
        Map<String, SourceWatch.Watched> sources = watch.sources();
        long total = 0;
        long lastRecord = Long.MIN_VALUE;
        double usualTotal = 0;
        for (SourceWatch.Watched w : sources.values()) {
            total += activity(w, newest, hours);
            lastRecord = Math.max(lastRecord, w.lastRecord);
            usualTotal += w.usual;
        }
        int silent = 0;
        while (silent < hours && silent(sources, newest - silent)) {
            silent++;
        }
        if (total == 0 || (silent > 0 && usualTotal * silent >= INGEST_MIN_EXPECTED)) {
            return new Verdict(
                    AlertCause.INGEST,
                    "INGEST: no record and no heartbeat from any producer "
                            + (lastRecord == Long.MIN_VALUE ? "ever" : "since " + Instant.ofEpochMilli(lastRecord))
                            + String.format(
                                    Locale.ROOT,
                                    " (%d h, ~%d records usual)",
                                    silent,
                                    Math.round(usualTotal * silent)));
        }
        List<String> diverging = new ArrayList<>();
        List<String> live = new ArrayList<>();
        for (var e : sources.entrySet()) {
            SourceWatch.Watched w = e.getValue();
            long own = activity(w, newest, hours);
            long others = total - own;
            double othersUsual = usualTotal - w.usual;
            double expected = othersUsual > 0 ? others * w.usual / othersUsual : 0;
            if (w.incident != null || (expected >= DIVERGING_MIN_EXPECTED && own < DIVERGING_SHARE * expected)) {
                diverging.add(String.format(
                        Locale.ROOT,
                        "%s sent %d records in the %d h (~%d expected from the others' activity), last record %s",
                        e.getKey(),
                        own,
                        hours,
                        Math.round(expected),
                        w.lastRecord == Long.MIN_VALUE ? "never" : Instant.ofEpochMilli(w.lastRecord)));
            } else if (own > 0) {
                live.add(String.format(Locale.ROOT, "%s %d (usual ~%d)", e.getKey(), own, Math.round(w.usual * hours)));
            }
        }
        if (!diverging.isEmpty()) {
            return new Verdict(
                    AlertCause.SOURCE,
                    "SOURCE: " + String.join("; ", diverging)
                            + (live.isEmpty() ? "" : "; others: " + String.join(", ", live)));
        }
        return new Verdict(
                AlertCause.SCENE,
                (live.size() == 1 ? "SCENE: the only live source saw it: " : "SCENE: every live source saw it: ")
                        + String.join(", ", live));
    }

    /** The FIRING alert of a source that went silent while the others continue. */
    static Alert silent(SourceWatch.Silence s, Instant end) {
        String id = Incident.idFor(Scope.SOURCE.name(), s.source(), Direction.DROP, Instant.ofEpochMilli(s.since()));
        return Alert.newBuilder()
                .setAlertId(id)
                .setIncidentId(null)
                .setState(AlertState.FIRING)
                .setScope(Scope.SOURCE)
                .setSubject(s.source())
                .setDirection(Direction.DROP)
                .setSeverity(Severity.WARNING)
                .setGranularity(Granularity.HOUR)
                .setWindowStart(Instant.ofEpochMilli(s.since()))
                .setWindowEnd(end)
                .setObserved(0)
                .setExpected(s.expected())
                .setBaseline("its usual share of the other sources' activity")
                .setScore(s.expected() / Math.log(10))
                .setDetectedAt(end)
                .setSummary(String.format(
                        Locale.ROOT,
                        "source %s silent: no record and no heartbeat in the %d hours to %s, ~%d expected from its "
                                + "usual share of the other sources' %d records; last record %s",
                        s.source(),
                        s.hours(),
                        end,
                        Math.round(s.expected()),
                        s.othersActivity(),
                        s.lastRecord() == Long.MIN_VALUE ? "never" : Instant.ofEpochMilli(s.lastRecord())))
                .setCause(AlertCause.SOURCE)
                .build();
    }

    /** The RESOLVED alert of a silent source that sent something again. */
    static Alert back(SourceWatch.Return r, Instant hourStart, Instant end) {
        return Alert.newBuilder()
                .setAlertId(r.alertId())
                .setIncidentId(null)
                .setState(AlertState.RESOLVED)
                .setScope(Scope.SOURCE)
                .setSubject(r.source())
                .setDirection(Direction.DROP)
                .setSeverity(Severity.WARNING)
                .setGranularity(Granularity.HOUR)
                .setWindowStart(hourStart)
                .setWindowEnd(end)
                .setObserved(r.activity())
                .setExpected(r.expected())
                .setBaseline("its usual records per hour")
                .setScore(0)
                .setDetectedAt(end)
                .setSummary(String.format(
                        Locale.ROOT,
                        "source %s is back: %d records in the hour to %s (usual ~%d), silent since %s",
                        r.source(),
                        r.activity(),
                        end,
                        Math.round(r.expected()),
                        Instant.ofEpochMilli(r.since())))
                .setResolution(AlertComposer.RECOVERED)
                .setCause(AlertCause.SOURCE)
                .build();
    }

    private static boolean silent(Map<String, SourceWatch.Watched> sources, long epochHour) {
        for (SourceWatch.Watched w : sources.values()) {
            if (w.activity(epochHour) > 0) {
                return false;
            }
        }
        return true;
    }

    private static long activity(SourceWatch.Watched w, long newest, int hours) {
        long sum = 0;
        for (int h = 0; h < hours; h++) {
            sum += w.activity(newest - h);
        }
        return sum;
    }
}
