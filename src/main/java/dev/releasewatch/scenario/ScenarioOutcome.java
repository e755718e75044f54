package dev.releasewatch.scenario;

import java.time.Duration;
import java.util.List;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.feed.synth.Scenario;

/**
 * What the monitor made of one scenario.
 *
 * @param scenario       the scenario
 * @param events         announcements replayed
 * @param deadLetters    announcements the monitor dead-lettered (none in a valid run: the synthetic feeds are clean)
 * @param incidents      one outcome per required incident
 * @param falseAlerts    FIRING alerts (first FIRING of each incident id) that no incident or tolerated
 *                       period accounts for
 * @param firingAlerts   all incidents opened (distinct alert ids with a FIRING)
 * @param days           length of the scenario in days
 * @param replayTime     wall-clock time of the replay
 */
public record ScenarioOutcome(
        Scenario scenario,
        long events,
        long deadLetters,
        List<IncidentOutcome> incidents,
        List<Alert> falseAlerts,
        int firingAlerts,
        long days,
        Duration replayTime) {

    /** False FIRING alerts per 30 days of feed. */
    public double falseAlertsPer30Days() {
        return days == 0 ? 0 : falseAlerts.size() * 30.0 / days;
    }

    /**
     * Whether every required incident was detected in time, nothing fired falsely, and no record was lost to the dead
     * letters.
     */
    public boolean meetsTargets() {
        return incidents.stream().allMatch(IncidentOutcome::inTime) && falseAlerts.isEmpty() && deadLetters == 0;
    }
}
