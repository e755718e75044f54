package dev.releasewatch.contract;

import java.time.Duration;
import java.util.Optional;

import dev.releasewatch.avro.OperatorDecision;
import dev.releasewatch.avro.Scope;

/**
 * Decides whether an operator decision can be applied. The publishers (CLI and HTTP) refuse an invalid
 * decision before it reaches the topic, and the topology dead-letters one that got there anyway (the
 * topic is open to any producer), with the same words in both places.
 *
 * <p>The subject is taken as given, not normalised: a decision names a subject the way alerts show it,
 * and guessing (upper-casing a group, aliasing a section) could rebase the wrong baseline.
 */
public final class DecisionValidator {

    /** Longest subject accepted; release names, and so groups, are limited to 512 by default. */
    public static final int MAX_SUBJECT_LENGTH = 512;
    /** Longest operator name accepted. */
    public static final int MAX_OPERATOR_LENGTH = 200;
    /** Longest reason accepted. */
    public static final int MAX_REASON_LENGTH = 2000;
    /** How far effectiveAt may lie after decidedAt: clocks of the decider and the feed may disagree a little. */
    static final Duration MAX_EFFECTIVE_AHEAD = Duration.ofHours(1);

    private DecisionValidator() {}

    /** Why the decision cannot be applied, or empty when it can. */
    public static Optional<String> problem(OperatorDecision d) {
        if (d.getDecisionId().isBlank()) {
            return Optional.of("decisionId is empty");
        }
        String subject = text("subject", d.getSubject(), MAX_SUBJECT_LENGTH);
        if (subject != null) {
            return Optional.of(subject);
        }
        if (d.getScope() == Scope.SOURCE) {
            // a source has no baseline to rebase: its incident resolves when it sends anything again
            return Optional.of("scope SOURCE has no normal to accept: a source's alert resolves when it sends again");
        }
        if (d.getScope() == Scope.TOTAL && !d.getSubject().equals("*")) {

            return Optional.of("subject of scope TOTAL must be *, got '" + d.getSubject() + "'");
        }
        String operator = text("operator", d.getOperator(), MAX_OPERATOR_LENGTH);
        if (operator != null) {
            return Optional.of(operator);
        }
        if (d.getReason() != null && d.getReason().length() > MAX_REASON_LENGTH) {
            return Optional.of(
                    "reason is " + d.getReason().length() + " characters, over the limit of " + MAX_REASON_LENGTH);
        }
        if (d.getEffectiveAt() != null && d.getEffectiveAt().toEpochMilli() < 0) {
            return Optional.of("effectiveAt is before 1970: " + d.getEffectiveAt());
        }
        // a level cannot be accepted before it has been seen; such a decision would wait in the detector's store for
        // ever
        if (d.getEffectiveAt() != null
                && d.getEffectiveAt().isAfter(d.getDecidedAt().plus(MAX_EFFECTIVE_AHEAD))) {
            return Optional.of("effectiveAt " + d.getEffectiveAt() + " is after the decision was taken ("
                    + d.getDecidedAt() + "): a level can only be accepted once it has been seen");
        }
        return Optional.empty();
    }

    private static String text(String field, String value, int maxLength) {
        if (value.isBlank()) {
            return field + " is empty";
        }
        if (!value.equals(value.strip())) {
            return field + " has leading or trailing spaces: '" + value + "'";
        }
        if (value.length() > maxLength) {
            return field + " is " + value.length() + " characters, over the limit of " + maxLength;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return field + " contains control character U+" + String.format("%04X", (int) value.charAt(i))
                        + " at index " + i;
            }
        }
        return null;
    }
}
