package dev.releasewatch.http;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasewatch.avro.OperatorDecision;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.contract.Decisions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /decisions}: an operator accepts a subject's current level as its new normal. Body:
 * {@code {"scope":"CATEGORY","subject":"GAMES","operator":"alice","reason":"..."}} ({@code subject} may be
 * left out for TOTAL, {@code reason} is optional). Answers 202 with the decision id once the decision is
 * on the decisions topic: the monitor applies it asynchronously, and the RESOLVED alert follows on the
 * alerts topic and in {@code /alerts}. 400 names the field that is wrong (nothing is published), 405 is
 * any other method, 413 a body over 16 KiB, 401 no valid bearer token when {@code http.auth.token} is set,
 * 503 when Kafka did not acknowledge the decision, or at once when {@code maxInFlight} decisions are already
 * waiting for Kafka.
 *
 * <p>Waiting for Kafka can take the producer's whole delivery timeout (30 s) when the broker is down, and it
 * occupies a thread of the pool that also answers {@code /metrics} and {@code /health}. The bound on decisions
 * waiting at once is what keeps those answering ({@link MonitorHttpServer} sizes its pool above it): a decision
 * beyond it is refused immediately rather than queued, because with Kafka down a queued one would fail anyway,
 * only later, and an operator learns sooner from a 503 that says why.
 *
 * <p>The decision takes effect at the event time the monitor has reached when it is posted (every window up to
 * it final, read from {@code releasewatch_final_watermark_seconds}; {@code effectiveAt} in the answer), so a later
 * reprocessing of the feed applies it at the same point of the history. On an instance that does not run the
 * detecting task that gauge is empty, and the decision applies whenever the detector reads it.
 *
 * <p>Unknown fields are refused rather than ignored: a misspelt {@code "operater"} must not turn into a
 * decision without an operator's name, or with a reason silently dropped.
 */
final class DecisionsEndpoint implements HttpRoute.Handler {

    private static final Logger LOGGER = LoggerFactory.getLogger(DecisionsEndpoint.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("scope", "subject", "operator", "reason");

    private final DecisionRecorder recorder;
    private final Supplier<Instant> eventTimeReached;
    private final int maxInFlight;
    private final Semaphore inFlight;

    /**
     * An endpoint recording through {@code recorder}, at most {@code maxInFlight} decisions waiting at once.
     *
     * @param eventTimeReached the event time every window is final up to, or null when this instance does not know it
     */
    DecisionsEndpoint(DecisionRecorder recorder, Supplier<Instant> eventTimeReached, int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be positive, got " + maxInFlight);
        }
        this.recorder = recorder;
        this.eventTimeReached = eventTimeReached;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
    }

    @Override
    public HttpAnswer handle(HttpCall call) {
        if (!"POST".equals(call.method())) {
            return HttpAnswer.error(405, "method not allowed: POST a JSON decision")
                    .withHeader("Allow", "POST");
        }
        OperatorDecision decision;
        try {
            decision = parse(call.body());
        } catch (IllegalArgumentException e) {
            return HttpAnswer.error(400, e.getMessage());
        } catch (RuntimeException e) {
            LOGGER.warn("POST /decisions failed: {}", e.toString(), e);
            return HttpAnswer.error(500, "internal error: " + e);
        }
        if (!inFlight.tryAcquire()) {
            LOGGER.warn(
                    "Decision {} refused: {} decisions are already waiting for Kafka",
                    decision.getDecisionId(),
                    maxInFlight);
            return HttpAnswer.error(
                    503,
                    "decision not recorded: " + maxInFlight
                            + " decisions are already waiting for Kafka to acknowledge them (is the broker down?);"
                            + " retry later");
        }
        try {
            recorder.record(decision);
        } catch (ExecutionException e) {
            LOGGER.warn(
                    "Decision {} not recorded: {}",
                    decision.getDecisionId(),
                    e.getCause().toString());
            return HttpAnswer.error(
                    503,
                    "decision not recorded, Kafka did not acknowledge it: "
                            + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpAnswer.error(503, "interrupted while recording the decision");
        } finally {
            inFlight.release();
        }
        LOGGER.info(
                "Decision {} recorded (HTTP from {}): {} accepts the current level of {} {} as the new normal",
                decision.getDecisionId(),
                call.remote(),
                decision.getOperator(),
                decision.getScope(),
                decision.getSubject());
        ObjectNode answer = MAPPER.createObjectNode();
        answer.put("decisionId", decision.getDecisionId());
        answer.put("decidedAt", decision.getDecidedAt().toString());
        answer.put(
                "effectiveAt",
                decision.getEffectiveAt() == null
                        ? null
                        : decision.getEffectiveAt().toString());
        return HttpAnswer.json(202, answer.toString());
    }

    /** The decision a body asks for; {@link IllegalArgumentException} says what is wrong with it. */
    private OperatorDecision parse(byte[] body) {
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("body cannot be read: " + e.getMessage());
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("body must be a JSON object such as "
                    + "{\"scope\":\"CATEGORY\",\"subject\":\"GAMES\",\"operator\":\"alice\",\"reason\":\"...\"}");
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException(
                        "unknown field '" + name + "' (fields: scope, subject, operator, reason)");
            }
        }
        String scopeName = text(json, "scope");
        if (scopeName == null) {
            throw new IllegalArgumentException("scope is missing (CATEGORY, GROUP or TOTAL)");
        }
        Scope scope = Arrays.stream(Scope.values())
                .filter(s -> s.name().equals(scopeName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "scope must be CATEGORY, GROUP or TOTAL, got '" + scopeName + "'"));
        String subject = text(json, "subject");
        if (subject == null) {
            if (scope != Scope.TOTAL) {
                throw new IllegalArgumentException("subject is missing");
            }
            subject = "*";
        }
        String operator = text(json, "operator");
        if (operator == null) {
            throw new IllegalArgumentException("operator is missing");
        }
        return Decisions.acceptNewNormal(scope, subject, operator, text(json, "reason"), eventTimeReached.get());
    }

    /** A string field, or null when it is absent or JSON null; any other type is refused. */
    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string, got "
                    + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return node.textValue();
    }
}
