package dev.releasewatch.http;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasewatch.alert.AlertJson;
import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.AlertState;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.WindowCount;
import dev.releasewatch.kafka.HistoryStores;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;

/**
 * The dashboard's JSON API over the history stores, answering for every subject on every instance:
 *
 * <ul>
 *   <li>{@code GET /api/subjects[?scope=&q=&limit=]}: the series that can be charted;
 *   <li>{@code GET /api/counts?scope=&subject=&granularity=DAY|HOUR&from=&to=}: one series' windows with observed,
 *       expected and the band, read on the instance that holds the series (forwarded there when it is another);
 *   <li>{@code GET /api/alerts?from=&to=&state=[&scope=&subject=]}: alert state changes detected in the span;
 *   <li>{@code GET /api/incidents?open=true}: the open incidents with their explanation.
 * </ul>
 *
 * <p>Lists are read on every instance and merged; the merge checks that the instances' answers cover every
 * partition of the topic the store is read from, and answers 503 otherwise (during a rebalance), so a list is
 * complete or refused. {@code from} is inclusive and {@code to} exclusive, on window starts (counts) or detection
 * times (alerts); both are optional (everything kept). Bad parameters get 400 with a one-line reason.
 */
final class HistoryApi {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** "Everything kept": later than any window start the stores can hold. */
    private static final Instant END_OF_TIME = Instant.parse("9999-01-01T00:00:00Z");

    private static final Set<String> SUBJECT_PARAMS = Set.of("scope", "q", "limit");
    private static final Set<String> COUNT_PARAMS = Set.of("scope", "subject", "granularity", "from", "to");
    private static final Set<String> ALERT_PARAMS = Set.of("from", "to", "state", "scope", "subject");
    private static final Set<String> INCIDENT_PARAMS = Set.of("open");

    private final HistoryQueries queries;
    private final InstanceRouter router;
    private final ZoneId zone;
    private final String countsTopic;
    private final String alertsTopic;

    /**
     * @param zone        the zone the windows are aligned to: a date parameter means the start of that day there
     * @param countsTopic the topic the count stores are read from
     * @param alertsTopic the topic the alert stores are read from
     */
    HistoryApi(HistoryQueries queries, InstanceRouter router, ZoneId zone, String countsTopic, String alertsTopic) {
        this.queries = queries;
        this.router = router;
        this.zone = zone;
        this.countsTopic = countsTopic;
        this.alertsTopic = alertsTopic;
    }

    /** {@code GET /api/subjects}. */
    HttpAnswer subjects(HttpCall call) throws Exception {
        QueryParams p = QueryParams.parse(call.query(), SUBJECT_PARAMS);
        Scope scope = p.oneOf("scope", Scope.class, null);
        String q = p.get("q") == null ? "" : p.get("q").toLowerCase(Locale.ROOT);
        int limit = p.intIn("limit", 1, 100_000, 1000);
        HistoryQueries.Local<String> local = queries.seriesKeys();
        TreeSet<Subject> found = new TreeSet<>();
        for (String key : local.items()) {
            Subject s = Subject.ofSeriesKey(key);
            if ((scope == null || s.scope() == scope)
                    && s.subject().toLowerCase(Locale.ROOT).contains(q)) {
                found.add(s);
            }
        }
        if (hop(call)) {
            return listAnswer("subjects", toJson(found, limit), local.partitions());
        }
        Set<Integer> covered = new TreeSet<>(local.partitions());
        InstanceRouter.Fanned others = router.fanOut(HistoryStores.SUBJECTS, countsTopic, call.path(), call.query());
        for (JsonNode answer : others.answers()) {
            answer.path("subjects")
                    .forEach(n -> found.add(new Subject(
                            Scope.valueOf(n.path("scope").asText()),
                            n.path("subject").asText())));
            answer.path("partitions").forEach(n -> covered.add(n.asInt()));
        }
        complete(covered, others.partitions(), countsTopic);
        ObjectNode body = MAPPER.createObjectNode();
        body.set("subjects", toJson(found, limit));
        return HttpAnswer.json(200, body.toString());
    }

    /** {@code GET /api/counts}. */
    HttpAnswer counts(HttpCall call) throws Exception {
        QueryParams p = QueryParams.parse(call.query(), COUNT_PARAMS);
        Scope scope = p.oneOf("scope", Scope.class, null);
        if (scope == null) {
            throw new BadParameterException("scope is required: CATEGORY, GROUP or TOTAL");
        }
        String subject = p.get("subject");
        if (scope == Scope.TOTAL) {
            if (subject != null && !subject.equals("*")) {
                throw new BadParameterException("subject of TOTAL must be * (or left out), got '" + subject + "'");
            }
            subject = "*";
        } else if (subject == null) {
            throw new BadParameterException("subject is required for scope " + scope);
        }
        Granularity granularity = p.oneOf("granularity", Granularity.class, Granularity.DAY);
        Instant from = p.time("from", zone, Instant.EPOCH);
        Instant to = p.time("to", zone, END_OF_TIME);
        if (!from.isBefore(to)) {
            throw new BadParameterException("from must be before to, got from=" + from + " to=" + to);
        }
        String store = HistoryStores.countsStore(granularity);
        String key = HistoryStores.seriesKey(scope, granularity, subject);
        KeyQueryMetadata owner = router.owner(store, key);
        if (!router.isSelf(owner.activeHost())) {
            if (hop(call)) {
                throw new NotReadyException("this instance no longer holds " + key + " (rebalancing)");
            }
            return router.forward(owner.activeHost(), call.path(), call.query());
        }
        ArrayNode windows = MAPPER.createArrayNode();
        for (WindowCount c : queries.counts(store, key, owner.partition(), from, to)) {
            ObjectNode w = windows.addObject();
            w.put("start", c.getWindowStart().toString());
            w.put("end", c.getWindowEnd().toString());
            w.put("observed", c.getCount());
            putRounded(w, "expected", c.getExpected());
            putRounded(w, "low", c.getLow());
            putRounded(w, "high", c.getHigh());
        }
        ObjectNode body = MAPPER.createObjectNode();
        body.put("scope", scope.name());
        body.put("subject", subject);
        body.put("granularity", granularity.name());
        body.set("windows", windows);
        return HttpAnswer.json(200, body.toString());
    }

    /** {@code GET /api/alerts}. */
    HttpAnswer alerts(HttpCall call) throws Exception {
        QueryParams p = QueryParams.parse(call.query(), ALERT_PARAMS);
        Instant from = p.time("from", zone, Instant.EPOCH);
        Instant to = p.time("to", zone, END_OF_TIME);
        if (!from.isBefore(to)) {
            throw new BadParameterException("from must be before to, got from=" + from + " to=" + to);
        }
        AlertState state = p.oneOf("state", AlertState.class, null);
        Scope scope = p.oneOf("scope", Scope.class, null);
        String subject = p.get("subject");
        HistoryQueries.Local<Alert> local = queries.alerts(from, to);
        List<ObjectNode> found = new ArrayList<>();
        for (Alert a : local.items()) {
            if ((state == null || a.getState() == state)
                    && (scope == null || a.getScope() == scope)
                    && (subject == null || a.getSubject().equals(subject))) {
                found.add(AlertJson.toJson(a));
            }
        }
        return merged(call, "alerts", HistoryStores.ALERTS, found, local.partitions(), "detectedAt");
    }

    /** {@code GET /api/incidents}. */
    HttpAnswer incidents(HttpCall call) throws Exception {
        QueryParams p = QueryParams.parse(call.query(), INCIDENT_PARAMS);
        if (!p.flag("open", true)) {
            throw new BadParameterException(
                    "only open=true is served; ended incidents are the RESOLVED alerts of /api/alerts?state=RESOLVED");
        }
        HistoryQueries.Local<KeyValue<Alert, Instant>> local = queries.openIncidents();
        List<ObjectNode> found = new ArrayList<>();
        for (KeyValue<Alert, Instant> open : local.items()) {
            ObjectNode n = AlertJson.toJson(open.key);
            n.put("firingAt", open.value.toString());
            n.putNull("resolvedAt");
            found.add(n);
        }
        return merged(call, "incidents", HistoryStores.OPEN_INCIDENTS, found, local.partitions(), "firingAt");
    }

    private HttpAnswer merged(
            HttpCall call, String field, String store, List<ObjectNode> found, Set<Integer> partitions, String order)
            throws Exception {
        List<JsonNode> all = new ArrayList<>(found);
        if (!hop(call)) {
            Set<Integer> covered = new TreeSet<>(partitions);
            InstanceRouter.Fanned others = router.fanOut(store, alertsTopic, call.path(), call.query());
            for (JsonNode answer : others.answers()) {
                answer.path(field).forEach(all::add);
                answer.path("partitions").forEach(n -> covered.add(n.asInt()));
            }
            complete(covered, others.partitions(), alertsTopic);
        }
        all.sort(Comparator.comparing((JsonNode n) -> n.path(order).asText())
                .thenComparing(n -> n.path("alertId").asText())
                .thenComparing(n -> n.path("state").asText()));
        ArrayNode list = MAPPER.createArrayNode();
        all.forEach(list::add);
        return hop(call) ? listAnswer(field, list, partitions) : HttpAnswer.json(200, wrap(field, list));
    }

    private static void complete(Set<Integer> covered, Set<Integer> expected, String topic) throws NotReadyException {
        if (!covered.containsAll(expected)) {
            Set<Integer> missing = new TreeSet<>(expected);
            missing.removeAll(covered);
            throw new NotReadyException(
                    "partitions " + missing + " of " + topic + " are not answered by any instance (rebalancing)");
        }
    }

    private static boolean hop(HttpCall call) {
        return call.header(InstanceRouter.HOP_HEADER) != null;
    }

    private static HttpAnswer listAnswer(String field, ArrayNode list, Set<Integer> partitions) {
        ObjectNode body = MAPPER.createObjectNode();
        body.set(field, list);
        ArrayNode answered = body.putArray("partitions");
        partitions.forEach(answered::add);
        return HttpAnswer.json(200, body.toString());
    }

    private static String wrap(String field, ArrayNode list) {
        ObjectNode body = MAPPER.createObjectNode();
        body.set(field, list);
        return body.toString();
    }

    private static ArrayNode toJson(Set<Subject> subjects, int limit) {
        ArrayNode list = MAPPER.createArrayNode();
        subjects.stream()
                .limit(limit)
                .forEach(s -> list.addObject().put("scope", s.scope().name()).put("subject", s.subject()));
        return list;
    }

    private static void putRounded(ObjectNode n, String field, Double value) {
        if (value == null) {
            n.putNull(field);
        } else {
            n.put(field, Math.round(value * 10) / 10.0);
        }
    }

    /** A chartable subject, ordered feed first, then categories, then groups, by name. */
    record Subject(Scope scope, String subject) implements Comparable<Subject> {

        static Subject ofSeriesKey(String key) {
            int first = key.indexOf('/');
            int second = key.indexOf('/', first + 1);
            return new Subject(Scope.valueOf(key.substring(0, first)), key.substring(second + 1));
        }

        @Override
        public int compareTo(Subject o) {
            int byScope = Integer.compare(rank(scope), rank(o.scope));
            return byScope != 0 ? byScope : subject.compareTo(o.subject);
        }

        private static int rank(Scope s) {
            return switch (s) {
                case TOTAL -> 0;
                case CATEGORY -> 1;
                default -> 2;
            };
        }
    }
}
