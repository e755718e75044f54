package dev.releasewatch.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.Contributor;

/**
 * The JSON form of an alert (one object per line in {@code replay --alerts-out}, and in the HTTP API):
 * the Avro fields with times as ISO-8601 UTC strings.
 */
public final class AlertJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertJson() {}

    /** The alert as a JSON tree. */
    public static ObjectNode toJson(Alert a) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("alertId", a.getAlertId());
        n.put("incidentId", a.getIncidentId());
        n.put("state", a.getState().name());
        n.put("scope", a.getScope().name());
        n.put("subject", a.getSubject());
        n.put("direction", a.getDirection().name());
        n.put("severity", a.getSeverity().name());
        n.put("granularity", a.getGranularity().name());
        n.put("windowStart", a.getWindowStart().toString());
        n.put("windowEnd", a.getWindowEnd().toString());
        n.put("observed", a.getObserved());
        n.put("expected", Math.round(a.getExpected() * 10) / 10.0);
        n.put("baseline", a.getBaseline());
        n.put("score", Math.round(a.getScore() * 100) / 100.0);
        n.put("detectedAt", a.getDetectedAt().toString());
        n.put("summary", a.getSummary());
        ArrayNode affected = n.putArray("affectedSubjects");
        a.getAffectedSubjects().forEach(affected::add);
        ArrayNode missing = n.putArray("missingContributors");
        for (Contributor c : a.getMissingContributors()) {
            missing.addObject()
                    .put("name", c.getName())
                    .put("expected", Math.round(c.getExpected() * 10) / 10.0)
                    .put("observed", c.getObserved());
        }
        n.put("resolution", a.getResolution());
        n.put("cause", a.getCause().name());
        return n;
    }

    /** The alert as one line of JSON. */
    public static String line(Alert a) {
        return toJson(a).toString();
    }
}
