package dev.releasewatch.contract;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import dev.releasewatch.avro.DecisionKind;
import dev.releasewatch.avro.OperatorDecision;
import dev.releasewatch.avro.Scope;

/**
 * Makes operator decisions as every writer of the decisions topic must (the CLI's {@code accept}, {@code POST
 * /decisions}): with a fresh id and the current time, and checked by {@link DecisionValidator}, the same rules the
 * topology applies, so a decision that would be dead-lettered is refused where the operator can still see why.
 */
public final class Decisions {

    private Decisions() {}

    /**
     * A new decision of {@code operator} to accept the current level of (scope, subject) as its new normal,
     * with a new id and the current time; surrounding spaces are removed.
     *
     * @param reason      why, in the operator's words; null or blank for none
     * @param effectiveAt event time at which it takes effect (see the schema); null for "when the detector reads it"
     * @throws IllegalArgumentException when a field is unusable (the message says which and why)
     */
    public static OperatorDecision acceptNewNormal(
            Scope scope, String subject, String operator, String reason, Instant effectiveAt) {
        OperatorDecision decision = OperatorDecision.newBuilder()
                .setDecisionId(UUID.randomUUID().toString())
                .setKind(DecisionKind.ACCEPT_NEW_NORMAL)
                .setScope(Objects.requireNonNull(scope, "scope"))
                .setSubject(subject == null ? "" : subject.strip())
                .setOperator(operator == null ? "" : operator.strip())
                .setReason(reason == null || reason.isBlank() ? null : reason.strip())
                .setDecidedAt(Instant.now())
                .setEffectiveAt(effectiveAt)
                .build();
        DecisionValidator.problem(decision).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return decision;
    }
}
