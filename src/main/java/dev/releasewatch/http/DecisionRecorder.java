package dev.releasewatch.http;

import java.util.concurrent.ExecutionException;

import dev.releasewatch.avro.OperatorDecision;

/**
 * Where {@code POST /decisions} records a decision: in production the application's Kafka publisher,
 * which returns only once Kafka has acknowledged it and can therefore block for its whole delivery timeout. An
 * interface of this package (rather than the publisher's class) so the HTTP layer depends on the producer and not
 * the other way round, and so a test can stand in for a broker that does not answer.
 */
@FunctionalInterface
public interface DecisionRecorder {

    /**
     * Records one decision durably, blocking until it is.
     *
     * @throws ExecutionException when it could not be recorded (the cause says why)
     */
    void record(OperatorDecision decision) throws ExecutionException, InterruptedException;
}
