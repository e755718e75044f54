package dev.releasewatch.topology.dedup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The open-addressing index and its chunks against a plain map, through growth and removals (removal shifts entries
 * back, so a wrong shift loses entries that were probed past it).
 */
class SeenTableTest {

    @Test
    void shouldAgreeWithAMapThroughGrowthAndRemovals() {
        SeenTable table = new SeenTable();
        Map<Long, Long> expected = new HashMap<>();
        List<Long> seqs = new ArrayList<>();
        Random random = new Random(13);
        for (int i = 0; i < 50_000; i++) {
            // keys crowded into few home slots as well as spread ones, so probe chains are long and wrap around
            long key = i % 3 == 0 ? ((long) random.nextInt() << 32) | (i & 0x3FF) : random.nextLong();
            long seq = table.add(key, ReleaseKeys.RELEASE, i, "C" + (i % 5), "G" + (i % 101), "s");
            expected.put(key, seq);
            seqs.add(seq);
            if (i % 3 == 1) {
                long victim = seqs.get(random.nextInt(seqs.size()));
                if (table.contains(victim)) {
                    table.remove(victim);
                    expected.values().remove(victim);
                }
            }
        }
        table.flush((chunk, value) -> {});

        assertThat(table.size()).isEqualTo(expected.size());
        expected.forEach((key, seq) -> assertThat(table.find(key)).isEqualTo(seq));
        int[] live = {0};
        table.forEach(seq -> {
            live[0]++;
            assertThat(table.time(seq)).isEqualTo(seq);
        });
        assertThat(live[0]).isEqualTo(expected.size());
        assertThat(table.find(42L)).isEqualTo(-1);
    }

    @Test
    void shouldKeepChunksApartAcrossALongRun() {
        SeenTable table = new SeenTable();
        Map<Long, byte[]> written = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            table.add(i * 0x9E3779B97F4A7C15L, ReleaseKeys.RELEASE, i, "C", "G", "s");
            if (i >= 1_000) {
                // a sliding window of 1,000 entries: old chunks are deleted while new ones are appended
                table.remove(i - 1_000);
            }
            table.flush((chunk, value) -> {
                if (value == null) {
                    written.remove(chunk);
                } else {
                    written.put(chunk, value);
                }
            });
        }

        assertThat(table.size()).isEqualTo(1_000);
        assertThat(table.find(9_999 * 0x9E3779B97F4A7C15L)).isEqualTo(9_999);
        assertThat(table.find(8_999 * 0x9E3779B97F4A7C15L)).isEqualTo(-1);
        assertThat(written.values().stream().mapToInt(ChunkWriter::entries).sum())
                .isEqualTo(1_000);
        assertThat(written.keySet()).as("chunks of entries 9,000 to 9,999").hasSize(156 - 140 + 1);
        assertThat(ChunkWriter.entries(written.get(156L))).isEqualTo(10_000 - 156 * 64);
    }
}
