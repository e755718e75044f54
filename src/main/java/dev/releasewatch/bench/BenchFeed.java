package dev.releasewatch.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.config.ClientProperties;
import dev.releasewatch.contract.AvroSerde;
import dev.releasewatch.feed.Categories;
import dev.releasewatch.feed.GroupName;
import dev.releasewatch.feed.synth.FeedSettings;
import dev.releasewatch.feed.synth.GroupTail;
import dev.releasewatch.feed.synth.Scenarios;
import dev.releasewatch.feed.synth.SyntheticFeed;
import dev.releasewatch.topology.WindowClock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The events of one bench round, generated and encoded in memory before anything is timed, with the per-category
 * daily counts the monitor must arrive at: the normal synthetic feed scaled to the requested size, optionally with a
 * long tail of small groups.
 *
 * <p>The expected counts follow the monitor's de-duplication rule: a name announced again after the de-dup window is a
 * new release (the tail's rewritten names sometimes equal another name weeks apart, and those are counted twice,
 * rightly).
 *
 * @param topic          the input topic the events go to
 * @param records        the encoded events, emptied once produced
 * @param events         events generated (and produced)
 * @param expected       the daily counts the monitor must arrive at: {@code "CATEGORY@yyyy-mm-dd" → releases}
 * @param span           event time from the first to the last counted event: the least grace the textbook windows
 *                       need
 * @param dayEnd         the end of the last day window with events (epoch millis): once it is final, every count is
 * @param finalHeartbeat the time of the heartbeat that makes that window final: its end plus the grace (epoch millis)
 * @param recounted      names announced again after the de-dup window, so counted twice
 * @param distinctGroups distinct groups among the counted releases
 */
public record BenchFeed(
        String topic,
        List<ProducerRecord<String, byte[]>> records,
        long events,
        Map<String, Long> expected,
        Duration span,
        long dayEnd,
        long finalHeartbeat,
        long recounted,
        int distinctGroups) {

    /**
     * Generates {@code events} events for {@code config}'s input topic.
     *
     * @param groups tail groups to re-attribute {@link GroupTail#DEFAULT_SHARE} of the releases to (0: none)
     */
    public static BenchFeed generate(AppConfig config, long events, int groups, long seed) {
        FeedSettings normal = Scenarios.normal().settings().withSeed(seed);
        double volume = events / (double) new SyntheticFeed(normal).size();
        SyntheticFeed synthetic = new SyntheticFeed(normal.withVolume(volume));
        Iterable<ReleaseAnnouncement> feed =
                groups == 0 ? synthetic : new GroupTail(synthetic, groups, GroupTail.DEFAULT_SHARE, seed);
        Set<String> distinctGroups = new HashSet<>();
        Categories categories = Categories.defaults();
        AvroSerde<ReleaseAnnouncement> serde = AvroSerde.of(ReleaseAnnouncement.class);
        String topic = config.topics().input();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        Map<String, Long> expected = new HashMap<>();
        Map<String, Long> countedAt = new HashMap<>();
        long maxTime = Long.MIN_VALUE;
        long minTime = Long.MAX_VALUE;
        long dedup = config.dedupWindow().toMillis();
        long recounted = 0;
        for (ReleaseAnnouncement a : feed) {
            if (records.size() >= events) {
                break;
            }
            String key = a.getName().toLowerCase(Locale.ROOT);
            records.add(new ProducerRecord<>(topic, key, serde.encode(a)));
            long t = a.getTime().toEpochMilli();
            Long previous = countedAt.get(key);
            if (previous != null && t - previous <= dedup) {
                continue;
            }
            recounted += previous == null ? 0 : 1;
            countedAt.put(key, t);
            distinctGroups.add(GroupName.of(a.getName()));
            LocalDate day = a.getTime().atZone(ZoneOffset.UTC).toLocalDate();
            expected.merge(categories.categoryOf(a.getSection()) + "@" + day, 1L, Long::sum);
            maxTime = Math.max(maxTime, t);
            minTime = Math.min(minTime, t);
        }
        long dayEnd = new WindowClock(config.zone()).dayEnd(maxTime);
        return new BenchFeed(
                topic,
                records,
                records.size(),
                expected,
                Duration.ofMillis(maxTime - minTime),
                dayEnd,
                dayEnd + config.grace().toMillis(),
                recounted,
                distinctGroups.size());
    }

    /**
     * Produces the events (idempotent, acks=all, lz4: the client defaults of {@code clients}), then a heartbeat past
     * the last day window's end plus grace on every partition, so that every window becomes final; releases the
     * events' memory.
     *
     * @return the seconds producing the events took, the final heartbeats excluded
     */
    public double produce(ClientProperties clients, int partitions) {
        AvroSerde<ReleaseAnnouncement> serde = AvroSerde.of(ReleaseAnnouncement.class);
        ReleaseAnnouncement end = ReleaseAnnouncement.newBuilder()
                .setKind(EventKind.HEARTBEAT)
                .setName("")
                .setTime(Instant.ofEpochMilli(finalHeartbeat))
                .setSource("bench")
                .build();
        long t0 = System.nanoTime();
        double seconds;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(clients.producer("release-watch-bench"))) {
            for (ProducerRecord<String, byte[]> r : records) {
                producer.send(r);
            }
            producer.flush();
            seconds = (System.nanoTime() - t0) / 1e9;
            for (int p = 0; p < partitions; p++) {
                producer.send(new ProducerRecord<>(topic, p, null, serde.encode(end)));
            }
            producer.flush();
        }
        records.clear();
        return seconds;
    }
}
