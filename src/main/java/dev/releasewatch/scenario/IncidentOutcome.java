package dev.releasewatch.scenario;

import java.time.Duration;

import dev.releasewatch.feed.synth.Incident;

/**
 * Whether the monitor caught one required incident of a scenario, and how fast.
 *
 * @param incident the ground truth
 * @param delay    time from the incident's start to the first matching FIRING alert's {@code detectedAt};
 *                 null when it was not detected
 */
public record IncidentOutcome(Incident incident, Duration delay) {

    /** Whether a matching FIRING alert came at or after the incident's start. */
    public boolean detected() {
        return delay != null;
    }

    /** Whether it was detected within the delay its kind allows. */
    public boolean inTime() {
        return detected() && delay.compareTo(incident.kind().maxDetectionDelay()) <= 0;
    }
}
