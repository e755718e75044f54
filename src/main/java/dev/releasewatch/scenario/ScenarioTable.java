package dev.releasewatch.scenario;

import java.util.List;
import java.util.Locale;

/** The scenario suite's results as a Markdown table (readable as plain text too). */
public final class ScenarioTable {

    private ScenarioTable() {}

    /**
     * One row per scenario: records dead-lettered (a valid run has none), detected/required, the delay of each
     * incident, false FIRING alerts per 30 days.
     */
    public static String render(List<ScenarioOutcome> outcomes) {
        StringBuilder sb = new StringBuilder();
        sb.append(
                "| scenario | events | dead letters | detected / required | detection delay (h) per incident | false FIRING alerts | per 30 days | alerts opened | targets |\n");
        sb.append("|---|---:|---:|---:|---|---:|---:|---:|---|\n");
        for (ScenarioOutcome o : outcomes) {
            long detected =
                    o.incidents().stream().filter(IncidentOutcome::detected).count();
            StringBuilder delays = new StringBuilder();
            for (IncidentOutcome i : o.incidents()) {
                if (delays.length() > 0) {
                    delays.append("; ");
                }
                delays.append(i.incident().scope())
                        .append(' ')
                        .append(i.incident().subject())
                        .append(": ")
                        .append(
                                i.detected()
                                        ? String.format(
                                                Locale.ROOT, "%.1f", i.delay().toMinutes() / 60.0)
                                        : "missed")
                        .append(" (max ")
                        .append(i.incident().kind().maxDetectionDelay().toHours())
                        .append(')');
            }
            sb.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %d | %d / %d | %s | %d | %.2f | %d | %s |%n",
                    o.scenario().name(),
                    o.events(),
                    o.deadLetters(),
                    detected,
                    o.incidents().size(),
                    delays.length() == 0 ? "-" : delays,
                    o.falseAlerts().size(),
                    o.falseAlertsPer30Days(),
                    o.firingAlerts(),
                    o.meetsTargets() ? "met" : "MISSED"));
        }
        return sb.toString();
    }
}
