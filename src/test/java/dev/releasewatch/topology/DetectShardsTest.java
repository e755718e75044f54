package dev.releasewatch.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.releasewatch.avro.ClosedWindow;
import dev.releasewatch.avro.Contribution;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.NukeCount;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.SourceActivity;
import dev.releasewatch.avro.SubjectCount;
import dev.releasewatch.avro.WindowBatch;
import dev.releasewatch.contract.AvroSerde;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How one counting task's batch is split over the detect partitions, and that no record grows with the groups. */
class DetectShardsTest {

    private static final Instant START = Instant.parse("2024-03-01T00:00:00Z");
    private static final Instant END = Instant.parse("2024-03-02T00:00:00Z");
    private static final AvroSerde<WindowBatch> SERDE = AvroSerde.of(WindowBatch.class);

    @Test
    void shouldSendEveryGroupToItsOwnerOnceAndTheFeedWidePartToEveryPartition() {
        ClosedWindow day = day(50, 8);
        List<SubjectCount> feedWide = day.getCounts().stream()
                .filter(c -> c.getScope() != Scope.GROUP)
                .toList();

        List<KeyValue<byte[], WindowBatch>> records = new DetectShards(3).split(batch(day));

        assertThat(records).hasSize(3).allMatch(kv -> kv.value.getClosing());
        Map<String, Long> groups = new HashMap<>();
        for (KeyValue<byte[], WindowBatch> kv : records) {
            int p = DetectShards.partitionOfKey(kv.key);
            ClosedWindow w = kv.value.getWindows().get(0);
            assertThat(kv.value.getSourcePartition()).isEqualTo(4);
            assertThat(kv.value.getWatermark()).isEqualTo(END);
            assertThat(w.getCounts())
                    .filteredOn(c -> c.getScope() != Scope.GROUP)
                    .containsExactlyElementsOf(feedWide);
            assertThat(w.getNukes())
                    .filteredOn(n -> n.getScope() == Scope.TOTAL)
                    .hasSize(1);
            assertThat(w.getSources()).hasSize(2);
            assertThat(w.getContributions()).hasSize(p == DetectShards.OWNER ? 50 : 0);
            for (SubjectCount c : w.getCounts()) {
                if (c.getScope() == Scope.GROUP) {
                    assertThat(DetectShards.partitionOf(c.getSubject(), 3)).isEqualTo(p);
                    assertThat(groups.put(c.getSubject(), c.getCount())).isNull();
                }
            }
            for (NukeCount n : w.getNukes()) {
                if (n.getScope() == Scope.GROUP) {
                    assertThat(DetectShards.partitionOf(n.getSubject(), 3)).isEqualTo(p);
                }
            }
        }
        assertThat(groups).hasSize(50);
        assertThat(groups.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(feedWide.get(0).getCount())
                .isEqualTo(375);
    }

    @Test
    void shouldPageAShareTooLargeForOneRecordAndCloseAfterItsPages() {
        WindowBatch batch = batch(day(40_000, 0));

        List<KeyValue<byte[], WindowBatch>> records = new DetectShards(2).split(batch);

        long groupsSeen = 0;
        long contributionsSeen = 0;
        Map<Integer, List<Boolean>> closingByPartition = new HashMap<>();
        for (KeyValue<byte[], WindowBatch> kv : records) {
            assertThat(SERDE.encode(kv.value).length)
                    .as("a record stays far under the broker's 1 MiB limit")
                    .isLessThan(2 * DetectShards.PAGE_BYTES);
            closingByPartition
                    .computeIfAbsent(DetectShards.partitionOfKey(kv.key), p -> new ArrayList<>())
                    .add(kv.value.getClosing());
            for (ClosedWindow w : kv.value.getWindows()) {
                groupsSeen += w.getCounts().stream()
                        .filter(c -> c.getScope() == Scope.GROUP)
                        .count();
                contributionsSeen += w.getContributions().size();
            }
        }
        assertThat(groupsSeen).isEqualTo(40_000);
        assertThat(contributionsSeen).isEqualTo(40_000);
        assertThat(closingByPartition).hasSize(2);
        closingByPartition.values().forEach(flags -> {
            assertThat(flags.size()).isGreaterThan(2);
            assertThat(flags.subList(0, flags.size() - 1)).containsOnly(false);
            assertThat(flags.get(flags.size() - 1)).isTrue();
        });
    }

    @Test
    void shouldSendTheWholeBatchAsOneClosingRecordOnOnePartition() {
        ClosedWindow day = day(30, 3);

        List<KeyValue<byte[], WindowBatch>> records = new DetectShards(1).split(batch(day));

        assertThat(records).hasSize(1);
        ClosedWindow w = records.get(0).value.getWindows().get(0);
        assertThat(w.getCounts()).containsExactlyInAnyOrderElementsOf(day.getCounts());
        assertThat(w.getContributions()).containsExactlyElementsOf(day.getContributions());
        assertThat(w.getNukes()).containsExactlyInAnyOrderElementsOf(day.getNukes());
        assertThat(w.getSources()).containsExactlyElementsOf(day.getSources());
    }

    private static WindowBatch batch(ClosedWindow w) {
        return new WindowBatch(4, END, true, List.of(w));
    }

    /** A day of {@code groups} groups (1..15 releases each), the first {@code nuked} of them with a nuke. */
    private static ClosedWindow day(int groups, int nuked) {
        List<SubjectCount> counts = new ArrayList<>();
        List<Contribution> contributions = new ArrayList<>();
        List<NukeCount> nukes = new ArrayList<>();
        long total = 0;
        long games = 0;
        for (int g = 0; g < groups; g++) {
            String name = String.format("GROUP-WITH-A-LONGISH-NAME-%05d", g);
            long n = 1 + g % 15;
            total += n;
            String category = g % 3 == 0 ? "GAMES" : "X264";
            if (category.equals("GAMES")) {
                games += n;
            }
            counts.add(new SubjectCount(Scope.GROUP, name, n));
            contributions.add(new Contribution(category, name, n));
            if (g < nuked) {
                nukes.add(new NukeCount(Scope.GROUP, name, 1L, 0L));
            }
        }
        counts.add(0, new SubjectCount(Scope.CATEGORY, "X264", total - games));
        counts.add(0, new SubjectCount(Scope.CATEGORY, "GAMES", games));
        counts.add(0, new SubjectCount(Scope.TOTAL, "*", total));
        nukes.add(new NukeCount(Scope.TOTAL, "*", (long) nuked, 0L));
        List<SourceActivity> sources = List.of(
                new SourceActivity("mirror-a", total, total, 3L, END.minusSeconds(5)),
                new SourceActivity("mirror-b", 7L, 0L, 0L, END.minusSeconds(60)));
        return new ClosedWindow(Granularity.DAY, START, END, counts, contributions, nukes, sources);
    }
}
