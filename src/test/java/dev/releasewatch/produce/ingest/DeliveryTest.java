package dev.releasewatch.produce.ingest;

import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryTest {

    @Test
    void shouldRejectARecordKafkaCanNeverTakeAndKeepTransientFailuresUnacknowledged() {
        Delivery delivery = new Delivery();
        delivery.acknowledged();
        delivery.failed(
                3,
                new RecordTooLargeException(
                        "The message is 5243000 bytes when serialized which is larger than 4194304, "
                                + "which is the value of the max.request.size configuration."));
        delivery.failed(4, new TimeoutException("no acknowledgement within PT30S"));
        delivery.failed(5, new NotEnoughReplicasException("not enough in-sync replicas"));
        delivery.acknowledged();

        assertThat(delivery.acknowledgedCount()).isEqualTo(2);
        assertThat(delivery.refused()).hasSize(1);
        assertThat(delivery.refused().get(0).index()).isEqualTo(3);
        assertThat(delivery.refused().get(0).reason())
                .startsWith("too large for Kafka: ")
                .contains("max.request.size");
        assertThat(delivery.unacknowledgedCount()).isEqualTo(2);
        assertThat(delivery.firstError()).contains("no acknowledgement within PT30S");
    }
}
