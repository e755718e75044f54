package dev.releasewatch.detect;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.releasewatch.avro.Direction;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.Severity;

/** The open incident of one subject: what was announced, so the engine re-announces only real changes. */
final class Incident {

    /**
     * Stable id, derived from scope, subject, direction and start so a replay of the same history yields the same id.
     */
    String alertId;
    /** The feed-wide TOTAL incident this one belongs to, or null. */
    String incidentId;

    Direction direction;
    /**
     * Highest severity announced so far; only an escalation is announced again, so the alert cannot flap between
     * levels.
     */
    Severity severity;

    Granularity granularity;
    long startMillis;
    /**
     * Local epoch day the incident started on; its age decides when a sustained change is accepted as the new level.
     */
    long startDay;
    /** Expected daily count when it started, for the resolution summary. */
    double expectedDaily;
    /** For a TOTAL incident: whether most categories dropped with it. */
    boolean feedWide;
    /** For a TOTAL incident: the categories that moved with it. */
    List<String> affected = new ArrayList<>();

    static String idFor(String scope, String subject, Direction direction, Instant start) {
        return scope.toLowerCase(Locale.ROOT) + ":" + subject + ":"
                + direction.name().toLowerCase(Locale.ROOT) + ":" + start;
    }

    /**
     * Opens an incident on {@code s}; one that opens while a feed-wide TOTAL incident of the same direction lasts
     * belongs to it.
     */
    static void open(
            SubjectState s,
            Deviation d,
            Granularity granularity,
            Instant spanStart,
            LocalDate startDate,
            Double expectedDaily,
            double minScore,
            Incident feed) {
        Incident inc = new Incident();
        inc.direction = d.direction();
        inc.alertId = Incident.idFor(s.scope.name(), s.subject, inc.direction, spanStart);
        inc.severity = d.severity(minScore);
        inc.granularity = granularity;
        inc.startMillis = spanStart.toEpochMilli();
        inc.startDay = startDate.toEpochDay();
        inc.expectedDaily = expectedDaily == null ? 0 : expectedDaily;
        if (feed != null && feed.feedWide && feed.direction == inc.direction && s.scope != Scope.TOTAL) {
            inc.incidentId = feed.alertId;
        }
        s.incident = inc;
    }
}
