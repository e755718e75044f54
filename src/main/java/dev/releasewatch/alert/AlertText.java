package dev.releasewatch.alert;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import dev.releasewatch.avro.Alert;

/** One readable line per alert, for terminals and logs. */
public final class AlertText {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

    private AlertText() {}

    /**
     * Formats an alert, e.g.
     * {@code 2020-08-26 00:00Z FIRING   CRITICAL TOTAL    *  *: 168 releases on 2020-08-25, expected ~1,790 (-91%)
     * [a1b2c3]}.
     */
    public static String line(Alert a) {
        StringBuilder sb = new StringBuilder(160);
        sb.append(TIME.format(a.getDetectedAt()))
                .append(' ')
                .append(String.format("%-8s %-8s %-8s ", a.getState(), a.getSeverity(), a.getScope()))
                .append(a.getSummary());
        if (a.getResolution() != null) {
            sb.append(" (").append(a.getResolution()).append(')');
        }
        if (!a.getMissingContributors().isEmpty() && a.getState().name().equals("FIRING")) {
            sb.append(" | missing: ");
            int n = Math.min(5, a.getMissingContributors().size());
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(a.getMissingContributors().get(i).getName());
            }
            if (a.getMissingContributors().size() > n) {
                sb.append(", +").append(a.getMissingContributors().size() - n);
            }
        }
        sb.append(" [").append(a.getAlertId()).append(']');
        return sb.toString();
    }
}
