package dev.releasewatch.feed.synth;

import dev.releasewatch.avro.Scope;
import java.time.Instant;
import java.util.Objects;

/**
 * A period in which FIRING alerts beyond the required incidents are not counted as false: during a raid every
 * category and most groups really do drop, and a monitor may say so.
 *
 * @param from    start (inclusive), by the alert's {@code detectedAt}
 * @param to      end (exclusive)
 * @param scope   the scope the tolerance covers; null for any scope
 * @param subject the subject it covers; null for any subject of that scope
 * @param reason  why alerts are legitimate here
 */
public record ToleratedPeriod(Instant from, Instant to, Scope scope, String subject, String reason) {

    /** Checks the period is not empty. */
    public ToleratedPeriod {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("empty tolerated period " + from + " .. " + to);
        }
    }

    /**
     * Whether an alert is tolerated by this period.
     *
     * @param alertScope   the alert's scope
     * @param alertSubject the alert's subject
     * @param detectedAt   the alert's {@code detectedAt}
     * @return true if the period covers it
     */
    public boolean covers(final Scope alertScope, final String alertSubject, final Instant detectedAt) {
        return !detectedAt.isBefore(from) && detectedAt.isBefore(to)
                && (scope == null || scope == alertScope)
                && (subject == null || subject.equals(alertSubject));
    }
}
