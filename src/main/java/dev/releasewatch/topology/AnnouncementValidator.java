package dev.releasewatch.topology;

import java.time.Duration;
import java.time.Instant;

import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.ReleaseAnnouncement;

/**
 * Decides whether a decoded announcement can be counted: a usable name, and an event time that is
 * neither before the configured minimum nor absurdly far in the future.
 */
final class AnnouncementValidator {

    private final long minTime;
    private final long maxFutureSkew;
    private final int maxNameLength;

    AnnouncementValidator(Instant minTime, Duration maxFutureSkew, int maxNameLength) {
        this.minTime = minTime.toEpochMilli();
        this.maxFutureSkew = maxFutureSkew.toMillis();
        this.maxNameLength = maxNameLength;
    }

    /** Returns why the announcement cannot be counted, or null when it can. */
    Rejection check(ReleaseAnnouncement a, long wallClock) {
        long t = a.getTime().toEpochMilli();
        if (t < minTime) {
            return Rejection.invalid(
                    "time " + a.getTime() + " is before the minimum event time " + Instant.ofEpochMilli(minTime));
        }
        if (t > wallClock + maxFutureSkew) {
            return Rejection.invalid("time " + a.getTime() + " is more than " + Duration.ofMillis(maxFutureSkew)
                    + " ahead of the wall clock (" + Instant.ofEpochMilli(wallClock) + ")");
        }
        String source = a.getSource();
        if (source.length() > maxNameLength) {
            // the source travels in every hour window's source activity and in metric labels: one producer's
            // megabyte-long source id would make every window batch that large (a RecordTooLarge kills the task)
            return Rejection.invalid(
                    "source is " + source.length() + " characters, over the limit of " + maxNameLength);
        }
        if (a.getKind() == EventKind.HEARTBEAT) {
            return null;
        }
        String name = a.getName();
        if (name.isBlank()) {
            return Rejection.invalid("empty release name");
        }
        if (name.length() > maxNameLength) {
            return Rejection.invalid(
                    "release name is " + name.length() + " characters, over the limit of " + maxNameLength);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\uFFFD') {
                return Rejection.invalid("release name is not valid UTF-8 (replacement character at index " + i + ")");
            }
            if (Character.isISOControl(c) || Character.isWhitespace(c) && c != ' ') {
                return Rejection.invalid("release name contains control character U+" + String.format("%04X", (int) c)
                        + " at index " + i);
            }
        }
        return null;
    }
}
