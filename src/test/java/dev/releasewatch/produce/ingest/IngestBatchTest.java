package dev.releasewatch.produce.ingest;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IngestBatchTest {

    private final IngestBatch batch = new IngestBatch(
            List.of(), List.of(), 3, List.of(new Rejection(1, "empty name"), new Rejection(4, "missing name")));

    @Test
    void shouldListRecordsRefusedByKafkaAmongTheParserRejectionsInBodyOrder() {
        assertThat(batch.rejectionsWith(List.of(new Rejection(2, "too large for Kafka: x")), 10))
                .containsExactly(
                        new Rejection(1, "empty name"),
                        new Rejection(2, "too large for Kafka: x"),
                        new Rejection(4, "missing name"));
    }

    @Test
    void shouldListOnlyTheFirstRejectionsOfTheUnion() {
        assertThat(batch.rejectionsWith(List.of(new Rejection(0, "too large for Kafka: x")), 2))
                .containsExactly(new Rejection(0, "too large for Kafka: x"), new Rejection(1, "empty name"));
    }
}
