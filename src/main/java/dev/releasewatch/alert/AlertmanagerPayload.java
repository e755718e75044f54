package dev.releasewatch.alert;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.Contributor;
import dev.releasewatch.avro.Direction;

/**
 * One alert in the shape of Alertmanager's API v2 ({@code postableAlert}): labels, annotations,
 * {@code startsAt}, {@code endsAt}. Immutable.
 *
 * <p>Labels identify the alert in Alertmanager (its fingerprint is the hash of the label set), so only
 * values that stay fixed for one incident are labels: {@code alertname}, {@code scope}, {@code subject},
 * {@code incident}, {@code alertId} and {@code severity}. Severity is a label because routing and
 * inhibition need it; when it changes, the forwarder resolves the old label set (see
 * {@link AlertmanagerForwarder}). Everything that changes from one window to the next (counts,
 * granularity, window, score) is an annotation.
 *
 * @param labels      label set (sorted, so equal label sets compare equal)
 * @param annotations annotations, in a readable order
 * @param startsAt    when the incident started, or null to let Alertmanager use the time it receives it
 * @param endsAt      when the incident ended, or null while it is open
 * @param generatorUrl the monitor's page for this subject and time ({@code generatorURL}), or null
 */
public record AlertmanagerPayload(
        SortedMap<String, String> labels,
        Map<String, String> annotations,
        Instant startsAt,
        Instant endsAt,
        String generatorUrl) {

    /** {@code alertname} of a drop. */
    public static final String DROP = "ReleaseFeedDrop";
    /** {@code alertname} of a spike. */
    public static final String SPIKE = "ReleaseFeedSpike";
    /** How many missing contributors the {@code missing} annotation names. */
    static final int MISSING_SHOWN = 5;

    /** Copies the maps into unmodifiable ones. */
    public AlertmanagerPayload {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }

    /** The label set of {@code alert}. */
    public static SortedMap<String, String> labelsOf(Alert alert) {
        SortedMap<String, String> labels = new TreeMap<>();
        labels.put("alertname", alert.getDirection() == Direction.SPIKE ? SPIKE : DROP);
        labels.put("scope", alert.getScope().name());
        labels.put("subject", alert.getSubject());
        labels.put("severity", alert.getSeverity().name().toLowerCase(Locale.ROOT));
        labels.put("cause", alert.getCause().name());
        labels.put("incident", alert.getIncidentId() != null ? alert.getIncidentId() : alert.getAlertId());
        labels.put("alertId", alert.getAlertId());
        return labels;
    }

    /** The annotations of {@code alert}: what a person reads in the notification. */
    public static Map<String, String> annotationsOf(Alert alert) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("summary", alert.getSummary());
        a.put("observed", Long.toString(alert.getObserved()));
        a.put("expected", Double.toString(Math.round(alert.getExpected() * 10) / 10.0));
        if (!alert.getMissingContributors().isEmpty()) {
            a.put("missing", missing(alert));
        }
        if (!alert.getBaseline().isEmpty()) {
            a.put("baseline", alert.getBaseline());
        }
        a.put("granularity", alert.getGranularity().name());
        a.put("window", alert.getWindowStart() + "/" + alert.getWindowEnd());
        a.put("score", Double.toString(Math.round(alert.getScore() * 100) / 100.0));
        if (alert.getResolution() != null) {
            a.put("resolution", alert.getResolution());
        }
        return a;
    }

    /** E.g. {@code SPARKS (0 of ~212), AMIABLE (3 of ~40), +4 more}: the largest shortfalls first, as published. */
    private static String missing(Alert alert) {
        StringBuilder sb = new StringBuilder();
        int n = Math.min(MISSING_SHOWN, alert.getMissingContributors().size());
        for (int i = 0; i < n; i++) {
            Contributor c = alert.getMissingContributors().get(i);
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(c.getName())
                    .append(" (")
                    .append(c.getObserved())
                    .append(" of ~")
                    .append(Math.round(c.getExpected()))
                    .append(')');
        }
        int more = alert.getMissingContributors().size() - n;
        if (more > 0) {
            sb.append(", +").append(more).append(" more");
        }
        return sb.toString();
    }

    /** The same alert, resolved at {@code at}. */
    public AlertmanagerPayload resolvedAt(Instant at) {
        return new AlertmanagerPayload(
                labels, annotations, startsAt, startsAt != null && at.isBefore(startsAt) ? startsAt : at, generatorUrl);
    }

    /** Whether this payload resolves its alert. */
    public boolean resolved() {
        return endsAt != null;
    }

    /** The {@code alertId} label. */
    public String alertId() {
        return labels.get("alertId");
    }

    /** The JSON object Alertmanager expects, as stored (an open alert without {@code endsAt}). */
    public ObjectNode toJson() {
        return toJson(null);
    }

    /**
     * The JSON object Alertmanager expects; times in RFC 3339 (UTC).
     *
     * @param openUntil {@code endsAt} to send for an open alert (null = none); a resolved one keeps its own
     */
    public ObjectNode toJson(Instant openUntil) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        ObjectNode l = n.putObject("labels");
        labels.forEach(l::put);
        ObjectNode a = n.putObject("annotations");
        annotations.forEach(a::put);
        if (startsAt != null) {
            n.put("startsAt", startsAt.toString());
        }
        if (endsAt != null) {
            n.put("endsAt", endsAt.toString());
        } else if (openUntil != null) {
            n.put("endsAt", openUntil.toString());
        }
        if (generatorUrl != null) {
            n.put("generatorURL", generatorUrl);
        }
        return n;
    }
}
