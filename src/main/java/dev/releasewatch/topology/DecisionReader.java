package dev.releasewatch.topology;

import java.util.Optional;

import dev.releasewatch.avro.OperatorDecision;
import dev.releasewatch.contract.AvroSerde;
import dev.releasewatch.contract.DecisionValidator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the decisions topic for the detecting task: forwards each valid {@link OperatorDecision}, and
 * turns anything else into a {@link dev.releasewatch.avro.DeadLetter} with the reason and the original bytes. A bad
 * decision must never stop the detector, and it must not vanish either: it is an operator's intent, so the dead
 * letter says why it was not applied.
 *
 * <p>It runs in the detecting task (same sub-topology), so it also guards the one assumption the merge
 * makes: decisions arrive on partition 0, next to the single window-batches partition. A decisions topic
 * with more partitions would hand the others to tasks without any detector state, where applying a
 * decision would silently do nothing.
 */
final class DecisionReader implements Processor<byte[], byte[], byte[], SpecificRecord> {

    private static final Logger LOGGER = LoggerFactory.getLogger(DecisionReader.class);

    private final TopologyMetrics metrics;
    private final AvroSerde<OperatorDecision> serde = AvroSerde.of(OperatorDecision.class);
    private ProcessorContext<byte[], SpecificRecord> context;

    DecisionReader(TopologyMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], SpecificRecord> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (record.value() == null) {
            deadLetter(record, Rejection.malformed("decision record has no value"));
            return;
        }
        OperatorDecision decision;
        try {
            decision = serde.decode(record.value());
        } catch (Exception e) {
            deadLetter(
                    record,
                    Rejection.malformed("not an OperatorDecision in Avro single-object encoding: " + e.getMessage()));
            return;
        }
        if (context.taskId().partition() != 0) {
            deadLetter(
                    record,
                    Rejection.invalid("decision " + decision.getDecisionId() + " arrived on partition "
                            + context.taskId().partition() + ": the decisions topic must have exactly one partition"));
            return;
        }
        Optional<String> problem = DecisionValidator.problem(decision);
        if (problem.isPresent()) {
            deadLetter(record, Rejection.invalid("decision " + decision.getDecisionId() + ": " + problem.get()));
            return;
        }
        context.forward(record.withValue(decision));
    }

    private void deadLetter(Record<byte[], byte[]> record, Rejection rejection) {
        LOGGER.warn("Operator decision not applied ({}): {} (dead-lettered)", rejection.code(), rejection.reason());
        metrics.deadLetter(rejection.code());
        context.forward(DeadLetters.of(context, record, rejection, null));
    }
}
