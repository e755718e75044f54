package dev.releasewatch.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.contract.AvroSerde;
import dev.releasewatch.feed.Categories;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The textbook baseline counts what the monitor counts: each release once, per category and UTC day. */
class BaselineTopologyTest {

    private final AvroSerde<ReleaseAnnouncement> serde = AvroSerde.of(ReleaseAnnouncement.class);

    @Test
    void shouldCountEachReleaseOncePerCategoryAndDayWhateverTheOrder() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "baseline-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/rw-bl-" + System.nanoTime());
        try (TopologyTestDriver driver = new TopologyTestDriver(
                BaselineTopology.build("in", "out", Duration.ofDays(30), Categories.defaults()), props)) {
            TestInputTopic<String, byte[]> in =
                    driver.createInputTopic("in", new StringSerializer(), new ByteArraySerializer());
            send(in, "A.2020.1080p.BluRay.x264-GRP", "X264", "2020-08-19T10:00:00Z", EventKind.RELEASE);
            send(in, "B.2020.1080p.BluRay.x264-GRP", "X264", "2020-08-19T23:59:59Z", EventKind.RELEASE);
            send(in, "a.2020.1080p.bluray.x264-grp", "X264", "2020-08-19T11:00:00Z", EventKind.RELEASE);
            send(in, "Game-GRP", "GAMES", "2020-08-26T10:00:00Z", EventKind.RELEASE);
            send(in, "C.2020.1080p.BluRay.x264-GRP", "X264", "2020-08-20T00:00:00Z", EventKind.RELEASE);
            send(in, "A.2020.1080p.BluRay.x264-GRP", "X264", "2020-08-20T09:00:00Z", EventKind.NUKE);
            send(in, "D.2020.1080p.BluRay.x264-GRP", "X264", "2020-08-19T05:00:00Z", EventKind.RELEASE);
            in.pipeInput("bad", new byte[] {1, 2, 3});

            Map<String, Long> last = driver.createOutputTopic("out", new StringDeserializer(), new LongDeserializer())
                    .readKeyValuesToMap();

            assertThat(last)
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of("X264@2020-08-19", 3L, "X264@2020-08-20", 1L, "GAMES@2020-08-26", 1L));
        }
    }

    private void send(TestInputTopic<String, byte[]> in, String name, String section, String time, EventKind kind) {
        ReleaseAnnouncement a = ReleaseAnnouncement.newBuilder()
                .setName(name)
                .setSection(section)
                .setTime(Instant.parse(time))
                .setKind(kind)
                .setSource("test")
                .build();
        in.pipeInput(name.toLowerCase(Locale.ROOT), serde.encode(a));
    }
}
