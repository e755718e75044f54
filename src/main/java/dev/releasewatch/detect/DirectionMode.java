package dev.releasewatch.detect;

import java.util.Locale;

/**
 * Which deviations the detector alerts on. The release feed defaults to {@link #DROP}: a flood of releases is news, not
 * an outage.
 */
public enum DirectionMode {
    /** Only fewer releases than expected. */
    DROP,
    /** Only more releases than expected. */
    SPIKE,
    /** Both. */
    BOTH;

    /** Whether drops are judged. */
    public boolean drops() {
        return this != SPIKE;
    }

    /** Whether spikes are judged. */
    public boolean spikes() {
        return this != DROP;
    }

    /** Parses {@code drop}, {@code spike} or {@code both}, case-insensitively. */
    public static DirectionMode parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
