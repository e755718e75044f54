package dev.releasewatch.detect;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.AlertState;
import dev.releasewatch.avro.Contributor;
import dev.releasewatch.avro.Direction;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;

/** Builds the {@link Alert} records and their one-line summaries. */
final class AlertComposer {

    /** Resolution: activity came back near its baseline. */
    static final String RECOVERED = "RECOVERED";
    /** Resolution: an operator declared the current level normal. */
    static final String NEW_NORMAL_ACCEPTED = "NEW_NORMAL_ACCEPTED";
    /** Resolution: the changed level lasted long enough to become the baseline. */
    static final String NEW_LEVEL_LEARNED = "NEW_LEVEL_LEARNED";

    private final ZoneId zone;

    AlertComposer(ZoneId zone) {
        this.zone = zone;
    }

    Alert firing(
            SubjectState s,
            Deviation d,
            Granularity granularity,
            Instant spanStart,
            Instant windowEnd,
            String baseline,
            List<Contributor> missing) {
        Incident inc = s.incident;
        return Alert.newBuilder()
                .setAlertId(inc.alertId)
                .setIncidentId(inc.incidentId)
                .setState(AlertState.FIRING)
                .setScope(s.scope)
                .setSubject(s.subject)
                .setDirection(inc.direction)
                .setSeverity(inc.severity)
                .setGranularity(granularity)
                .setWindowStart(spanStart)
                .setWindowEnd(windowEnd)
                .setObserved(d.observed())
                .setExpected(d.expected())
                .setBaseline(baseline)
                .setScore(d.score())
                .setDetectedAt(windowEnd)
                .setSummary(firingSummary(s, d, granularity, spanStart, windowEnd))
                .setAffectedSubjects(List.copyOf(inc.affected))
                .setMissingContributors(missing)
                .setResolution(null)
                .build();
    }

    Alert resolved(
            SubjectState s,
            long observed,
            double expected,
            Granularity granularity,
            Instant windowStart,
            Instant windowEnd,
            String baseline,
            String resolution,
            String who) {
        Incident inc = s.incident;
        return Alert.newBuilder()
                .setAlertId(inc.alertId)
                .setIncidentId(inc.incidentId)
                .setState(AlertState.RESOLVED)
                .setScope(s.scope)
                .setSubject(s.subject)
                .setDirection(inc.direction)
                .setSeverity(inc.severity)
                .setGranularity(granularity)
                .setWindowStart(windowStart)
                .setWindowEnd(windowEnd)
                .setObserved(observed)
                .setExpected(expected)
                .setBaseline(baseline)
                .setScore(0)
                .setDetectedAt(windowEnd)
                .setSummary(resolvedSummary(s, observed, expected, windowStart, resolution, who))
                .setAffectedSubjects(List.copyOf(inc.affected))
                .setMissingContributors(List.of())
                .setResolution(resolution)
                .build();
    }

    private String firingSummary(
            SubjectState s, Deviation d, Granularity granularity, Instant spanStart, Instant windowEnd) {
        String when;
        if (granularity == Granularity.HOUR) {
            ZonedDateTime to = windowEnd.atZone(zone);
            long hours = Duration.between(spanStart, windowEnd).toHours();
            when = String.format(Locale.ROOT, "in the %d hours to %s %02d:00", hours, to.toLocalDate(), to.getHour());
        } else {
            LocalDate first = spanStart.atZone(zone).toLocalDate();
            LocalDate last = windowEnd.minusMillis(1).atZone(zone).toLocalDate();
            when = first.equals(last) ? "on " + first : "on " + first + ".." + last;
        }
        long expected = Math.round(d.expected());
        String change = percent(d.relativeChange());
        if (s.scope == Scope.GROUP && d.direction() == Direction.DROP && d.observed() == 0) {
            return String.format(
                    Locale.ROOT, "group %s silent: 0 releases %s, expected ~%d", s.subject, when, expected);
        }
        String name = s.scope == Scope.GROUP ? "group " + s.subject : s.scope == Scope.TOTAL ? "feed" : s.subject;
        String tail = "";
        if (s.scope == Scope.TOTAL && !s.incident.affected.isEmpty()) {
            tail = "; " + s.incident.affected.size() + " categories "
                    + (d.direction() == Direction.DROP ? "down" : "up") + (s.incident.feedWide ? " (feed-wide)" : "");
        }
        return String.format(
                Locale.ROOT,
                "%s: %d releases %s, expected ~%d (%s)%s",
                name,
                d.observed(),
                when,
                expected,
                change,
                tail);
    }

    private String resolvedSummary(
            SubjectState s, long observed, double expected, Instant windowStart, String resolution, String who) {
        String name = s.scope == Scope.GROUP ? "group " + s.subject : s.scope == Scope.TOTAL ? "feed" : s.subject;
        LocalDate day = windowStart.atZone(zone).toLocalDate();
        return switch (resolution) {
            case NEW_LEVEL_LEARNED ->
                String.format(
                        Locale.ROOT,
                        "%s: new level learned after %d days: ~%d releases/day (was ~%d); incident closed",
                        name,
                        day.toEpochDay() - s.incident.startDay + 1,
                        Math.round(expected),
                        Math.round(s.incident.expectedDaily));
            case NEW_NORMAL_ACCEPTED ->
                String.format(
                        Locale.ROOT,
                        "%s: new normal accepted by %s: ~%d releases/day (was ~%d)",
                        name,
                        who,
                        Math.round(expected),
                        Math.round(s.incident.expectedDaily));
            default ->
                String.format(
                        Locale.ROOT,
                        "%s recovered: %d releases on %s, expected ~%d (%s)",
                        name,
                        observed,
                        day,
                        Math.round(expected),
                        percent(observed / expected - 1));
        };
    }

    private static String percent(double relativeChange) {
        long p = Math.round(relativeChange * 100);
        return (p >= 0 ? "+" : "-") + Math.abs(p) + "%";
    }
}
