package dev.releasewatch.feed.synth;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

import dev.releasewatch.avro.Scope;

/**
 * A period in which FIRING alerts beyond the required incidents are not counted as false: during a raid every
 * category and most groups really do drop, and a monitor may say so.
 *
 * @param from    start (inclusive), by the alert's {@code detectedAt}
 * @param to      end (exclusive)
 * @param scope   the scope the tolerance covers; null for any scope
 * @param subjects the subjects it covers (e.g. the groups of a broken section); empty for any subject of that scope
 * @param reason   why alerts are legitimate here
 */
public record ToleratedPeriod(Instant from, Instant to, Scope scope, Set<String> subjects, String reason) {

    /** Checks the period is not empty and copies the subjects. */
    public ToleratedPeriod {
        subjects = Set.copyOf(subjects);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("empty tolerated period " + from + " .. " + to);
        }
    }

    /**
     * A tolerance for any alert of any scope in a period.
     *
     * @param from   start (inclusive)
     * @param to     end (exclusive)
     * @param reason why
     * @return the period
     */
    public static ToleratedPeriod anything(final Instant from, final Instant to, final String reason) {
        return new ToleratedPeriod(from, to, null, Set.of(), reason);
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
        return !detectedAt.isBefore(from)
                && detectedAt.isBefore(to)
                && (scope == null || scope == alertScope)
                && (subjects.isEmpty() || subjects.contains(alertSubject));
    }
}
