package dev.releasewatch.feed.name;

import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The corpus split is a pure function of the name, on invented names. */
class CorpusSplitTest {

    @Test
    void shouldPutANameAlwaysInTheSamePart() {
        String name = "Quiet.Harbor.2019.1080p.BluRay.x264-NOVAGRP";
        assertThat(CorpusSplit.bucket(name)).isEqualTo(CorpusSplit.bucket(new String(name.toCharArray())));
        assertThat(CorpusSplit.part(name)).isEqualTo(CorpusSplit.part(name));
    }

    @Test
    void shouldHoldBackAboutThreeTenthsOfTheNames() {
        Map<CorpusSplit.Part, Integer> counts = new EnumMap<>(CorpusSplit.Part.class);
        for (int i = 0; i < 10_000; i++) {
            counts.merge(CorpusSplit.part("Show.Name.S01E" + i + ".720p.HDTV.x264-GRP"), 1, Integer::sum);
        }
        assertThat(counts.get(CorpusSplit.Part.HELD_BACK)).isBetween(2_850, 3_150);
        assertThat(counts.get(CorpusSplit.Part.TUNING)).isBetween(6_850, 7_150);
    }

    @Test
    void shouldBucketBySha256OfTheUtf8Name() {
        // SHA-256("abc") starts with ba 78 16 bf: 0xba7816bf = 3128432319, which is 9 mod 10.
        assertThat(CorpusSplit.bucket("abc")).isEqualTo(9);
        assertThat(CorpusSplit.part("abc")).isEqualTo(CorpusSplit.Part.HELD_BACK);
    }
}
