package dev.releasewatch.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

import dev.releasewatch.avro.OperatorDecision;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.config.ClientProperties;
import dev.releasewatch.contract.Decisions;
import dev.releasewatch.produce.DecisionPublisher;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code release-watch accept}: an operator tells the running monitor that a subject's current level is its
 * new normal. The decision is published to the decisions topic (where it stays, as the audit log); the
 * monitor resolves the subject's open alert with resolution NEW_NORMAL_ACCEPTED and rebases its baseline.
 */
@Command(
        name = "accept",
        mixinStandardHelpOptions = true,
        description =
                "Accepts a subject's current level as its new normal: publishes the decision to the decisions topic; "
                        + "the monitor resolves the open alert (NEW_NORMAL_ACCEPTED) and rebases the baseline. Prints the decision id.")
public final class AcceptCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Option(names = "--scope", required = true, paramLabel = "SCOPE", description = "CATEGORY, GROUP or TOTAL.")
    Scope scope;

    @Option(
            names = "--subject",
            paramLabel = "NAME",
            description = "Category or group exactly as alerts show it (e.g. GAMES); * or nothing for TOTAL.")
    String subject;

    @Option(
            names = "--operator",
            required = true,
            paramLabel = "WHO",
            description = "Who decides; quoted in the RESOLVED alert.")
    String operator;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit log.")
    String reason;

    @Option(
            names = "--effective-at",
            paramLabel = "TIME",
            converter = InstantConverter.class,
            description =
                    "Event time (ISO-8601, e.g. 2020-09-01T00:00:00Z) at which the decision takes effect: the detector holds it "
                            + "until every window up to it is final, and a reprocessing of the feed applies it at the same point. "
                            + "Default: when the detector reads it.")
    Instant effectiveAt;

    @Override
    public Integer call() throws InterruptedException {
        AppConfig config = options.loadForCluster(spec);
        OperatorDecision decision;
        try {
            decision = Decisions.acceptNewNormal(
                    scope, subject == null && scope == Scope.TOTAL ? "*" : subject, operator, reason, effectiveAt);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "accept: " + e.getMessage());
        }
        String topic = config.topics().decisions();
        try (DecisionPublisher publisher =
                new DecisionPublisher(new ClientProperties(config), topic, "release-watch-accept")) {
            publisher.publish(decision);
        } catch (ExecutionException e) {
            System.err.println("release-watch: decision not recorded on " + topic + ": "
                    + e.getCause().getMessage());
            return 1;
        }
        System.err.printf(
                "recorded on %s: %s accepts the current level of %s %s as the new normal%n",
                topic, decision.getOperator(), decision.getScope(), decision.getSubject());
        System.out.println(decision.getDecisionId());
        return 0;
    }

    /** Reads an ISO-8601 instant; a bad value becomes picocli's one-line usage error (exit 2). */
    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw new TypeConversionException(
                        "not an ISO-8601 instant such as 2020-09-01T00:00:00Z: '" + value + "'");
            }
        }
    }
}
