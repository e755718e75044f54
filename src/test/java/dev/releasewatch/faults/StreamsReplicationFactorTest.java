package dev.releasewatch.faults;

import java.util.Map;

import dev.releasewatch.config.ClientProperties;
import dev.releasewatch.config.ConfigLoader;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Found by the fault tests: with {@code topic.replication-factor=3} (what a 3-broker cluster needs) the monitor
 * handed Kafka Streams a {@code Short} and refused to start ("Expected value to be a 32-bit integer").
 */
class StreamsReplicationFactorTest {

    @Test
    void shouldGiveKafkaStreamsTheConfiguredReplicationFactorAsAnInteger() {
        ClientProperties clients = new ClientProperties(new ConfigLoader()
                .overrides(Map.of("bootstrap.servers", "localhost:9092", "topic.replication-factor", "3"))
                .load());

        StreamsConfig streams = new StreamsConfig(clients.streams());

        assertThat(streams.getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(3);
    }
}
