package dev.releasewatch.feed.synth;

import java.time.Instant;
import java.util.Objects;

import dev.releasewatch.avro.AlertCause;
import dev.releasewatch.avro.Scope;

/**
 * Ground truth: something in a scenario that a good monitor must alert on.
 *
 * @param scope       what the alert must be about
 * @param subject     the category or group name as the monitor reports it ({@code *} for TOTAL)
 * @param start       when the incident begins (event time); detection delay is measured from here
 * @param kind        what happened, which also sets the acceptable detection delay
 * @param description one line for people
 * @param cause       the cause the alert must give (an alert with another cause does not detect it); null: any
 */
public record Incident(
        Scope scope, String subject, Instant start, IncidentKind kind, String description, AlertCause cause) {

    /** Subject of TOTAL-scope incidents and alerts. */
    public static final String WHOLE_FEED = "*";

    /** An incident whose alert may give any cause. */
    public Incident(Scope scope, String subject, Instant start, IncidentKind kind, String description) {
        this(scope, subject, start, kind, description, null);
    }

    /** The same incident, to be alerted on with {@code required} as the cause. */
    public Incident withCause(AlertCause required) {
        return new Incident(scope, subject, start, kind, description, required);
    }

    /** Checks the parts are present and TOTAL incidents use {@value #WHOLE_FEED}. */
    public Incident {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        if (scope == Scope.TOTAL && !WHOLE_FEED.equals(subject)) {
            throw new IllegalArgumentException("TOTAL incidents have subject " + WHOLE_FEED);
        }
    }
}
