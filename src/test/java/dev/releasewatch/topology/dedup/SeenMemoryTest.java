package dev.releasewatch.topology.dedup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The de-duplication memory: what it remembers, forgets and writes to its store, and that a new memory restored from
 * that store (a restart) remembers exactly the same, in both the chunked format and the previous one.
 */
class SeenMemoryTest {

    private final MapSeenStore store = new MapSeenStore();
    private final SeenMemory memory = new SeenMemory(store);

    private static long key(int i) {
        return ReleaseKeys.release("Release." + i + "-GRP" + (i % 7));
    }

    private void rememberReleases(SeenMemory into, int from, int to) {
        for (int i = from; i < to; i++) {
            into.remember(key(i), ReleaseKeys.RELEASE, 1000L * i, "CAT" + (i % 3), "GRP" + (i % 7), "src" + (i % 2));
        }
    }

    private static List<Object> restoreInto(SeenMemory restored) {
        List<Object> entries = new ArrayList<>();
        restored.restore((kind, time, category, group) -> entries.add(tuple(kind, time, category, group)));
        return entries;
    }

    @Test
    void shouldRecogniseARepeatAndTellItsKindsApart() {
        long release = ReleaseKeys.release("Some.Movie.2020.1080p.BluRay.x264-SPARKS");
        memory.remember(release, ReleaseKeys.RELEASE, 1_000, "X264", "SPARKS", "mirror-1");

        long found = memory.find(ReleaseKeys.release("some.movie.2020.1080P.bluray.X264-sparks"));
        assertThat(found).isNotNegative();
        assertThat(List.of(memory.time(found), memory.category(found), memory.group(found), memory.source(found)))
                .containsExactly(1_000L, "X264", "SPARKS", "mirror-1");
        assertThat(memory.find(ReleaseKeys.of(ReleaseKeys.NUKE, "Some.Movie.2020.1080p.BluRay.x264-SPARKS")))
                .isEqualTo(-1);
        assertThat(memory.find(ReleaseKeys.release("Some.Movie.2021.1080p.BluRay.x264-SPARKS")))
                .isEqualTo(-1);
        assertThat(memory.size()).isEqualTo(1);
    }

    @Test
    void shouldForgetInTheOrderRememberedStoppingAtTheFirstEntryNotDue() {
        memory.remember(key(1), ReleaseKeys.RELEASE, 10, "C", "G", "s");
        memory.remember(key(2), ReleaseKeys.RELEASE, 30, "C", "G", "s");
        memory.remember(key(3), ReleaseKeys.RELEASE, 20, "C", "G", "s");

        memory.forgetBefore(25);

        assertThat(memory.find(key(1))).isEqualTo(-1);
        assertThat(memory.find(key(2))).as("not due").isNotNegative();
        assertThat(memory.find(key(3)))
                .as("due, but queued after one that is not")
                .isNotNegative();
        memory.forgetBefore(31);
        assertThat(memory.size()).isZero();
        assertThat(store.entries).as("every chunk deleted").isEmpty();
    }

    @Test
    void shouldForgetAMovedEntryAtItsNewTimeOnly() {
        memory.remember(key(1), ReleaseKeys.RELEASE, 100, "C", "G", "late-mirror");
        memory.remember(key(2), ReleaseKeys.RELEASE, 105, "C", "G", "s");
        long moved = memory.find(key(1));
        memory.retime(moved, 50, "early-mirror");

        assertThat(memory.time(moved)).isEqualTo(50);
        assertThat(memory.source(moved)).isEqualTo("early-mirror");
        memory.forgetBefore(60);
        assertThat(memory.find(key(1)))
                .as("its first queue place (100) comes first and is not due")
                .isNotNegative();
        memory.forgetBefore(101);
        assertThat(memory.find(key(1)))
                .as("100 passed but it has moved; its new place is queued after 105")
                .isNotNegative();
        memory.forgetBefore(106);
        assertThat(memory.find(key(1))).isEqualTo(-1);
        assertThat(memory.find(key(2))).isEqualTo(-1);
    }

    @Test
    void shouldWriteAboutOneChunkPer64EntriesAndDeleteForgottenChunks() {
        rememberReleases(memory, 0, 200);

        assertThat(store.chunks()).containsExactly(0, 1, 2, 3);
        assertThat(store.entries.values()).extracting(ChunkWriter::entries).containsExactly(64, 64, 64, 8);
        memory.forgetBefore(1000L * 100);
        assertThat(store.chunks()).as("chunk 0 deleted, chunk 1 rewritten").containsExactly(1, 2, 3);
        assertThat(store.entries.values()).extracting(ChunkWriter::entries).containsExactly(28, 64, 8);
    }

    @Test
    void shouldRestoreExactlyWhatWasRememberedIncludingMovesAndForgetting() {
        rememberReleases(memory, 0, 150);
        memory.remember(
                ReleaseKeys.of(ReleaseKeys.NUKE, "Release.5-GRP5"), ReleaseKeys.NUKE, 200_000, "CAT2", "GRP5", "s");
        memory.retime(memory.find(key(140)), 70_500, "src9");
        memory.forgetBefore(1000L * 70);

        SeenMemory restored = new SeenMemory(store);
        List<Object> entries = restoreInto(restored);

        assertThat(restored.size()).isEqualTo(memory.size()).isEqualTo(150 - 70 + 1);
        assertThat(entries).hasSize(81).contains(tuple(ReleaseKeys.NUKE, 200_000L, "CAT2", "GRP5"));
        assertThat(entries).contains(tuple(ReleaseKeys.RELEASE, 70_500L, "CAT2", "GRP0"));
        for (int i = 0; i < 150; i++) {
            long was = memory.find(key(i));
            long is = restored.find(key(i));
            assertThat(is >= 0).as("release " + i).isEqualTo(was >= 0);
            if (was >= 0) {
                assertThat(List.of(restored.time(is), restored.category(is), restored.group(is), restored.source(is)))
                        .containsExactly(memory.time(was), memory.category(was), memory.group(was), memory.source(was));
            }
        }
        assertThat(restored.find(key(5))).isEqualTo(-1);
        assertThat(restored.find(key(140))).isNotNegative();
    }

    @Test
    void shouldForgetRestoredEntriesByTimeAndAddNewOnesInNewChunks() {
        rememberReleases(memory, 0, 100);
        memory.retime(memory.find(key(90)), 500, "src0");

        SeenMemory restored = new SeenMemory(store);
        restoreInto(restored);
        restored.remember(key(1000), ReleaseKeys.RELEASE, 1_000_000, "C", "G", "s");
        restored.forgetBefore(1000);

        assertThat(restored.find(key(90)))
                .as("the queue is by time after a restart")
                .isEqualTo(-1);
        assertThat(restored.find(key(0))).isEqualTo(-1);
        assertThat(restored.find(key(1))).isNotNegative();
        assertThat(store.chunks()).as("the new entry starts chunk 2").containsExactly(0, 1, 2);

        SeenMemory again = new SeenMemory(store);
        assertThat(restoreInto(again)).hasSize(99);
        assertThat(again.find(key(1000))).isNotNegative();
    }

    @Test
    void shouldConvertEntriesOfThePreviousFormatAndDeleteThem() {
        store.put(utf8("some.movie.2020-grp"), new SeenRelease(5_000, "X264", "GRP", "mirror-1").toBytes());
        store.put(utf8("\u0001nuke:some.movie.2020-grp"), new SeenRelease(6_000, "X264", "GRP", "m2").toBytes());
        store.put(utf8("\u0001unnuke:some.movie.2020-grp"), new SeenRelease(7_000, "X264", "GRP", "m2").toBytes());
        store.put(utf8("ältere.veröffentlichung-grp"), new SeenRelease(4_000, "EBOOK", "GRP", "m3").toBytes());

        List<Object> entries = restoreInto(memory);

        assertThat(entries)
                .containsExactly(
                        tuple(ReleaseKeys.RELEASE, 4_000L, "EBOOK", "GRP"),
                        tuple(ReleaseKeys.RELEASE, 5_000L, "X264", "GRP"),
                        tuple(ReleaseKeys.NUKE, 6_000L, "X264", "GRP"),
                        tuple(ReleaseKeys.UNNUKE, 7_000L, "X264", "GRP"));
        long release = memory.find(ReleaseKeys.release("Some.Movie.2020-GRP"));
        assertThat(memory.source(release)).isEqualTo("mirror-1");
        assertThat(memory.find(ReleaseKeys.of(ReleaseKeys.NUKE, "Some.Movie.2020-GRP")))
                .isNotNegative();
        assertThat(memory.find(ReleaseKeys.of(ReleaseKeys.UNNUKE, "SOME.MOVIE.2020-GRP")))
                .isNotNegative();
        assertThat(memory.find(ReleaseKeys.release("ÄLTERE.VERÖFFENTLICHUNG-GRP")))
                .isNotNegative();
        assertThat(store.chunks())
                .as("converted into one chunk, the old keys deleted")
                .containsExactly(0);
        assertThat(store.entries).hasSize(1);

        SeenMemory restarted = new SeenMemory(store);
        assertThat(restoreInto(restarted)).isEqualTo(entries);
        restarted.forgetBefore(5_500);
        assertThat(restarted.find(ReleaseKeys.release("some.movie.2020-grp"))).isEqualTo(-1);
        assertThat(restarted.find(ReleaseKeys.of(ReleaseKeys.NUKE, "some.movie.2020-grp")))
                .isNotNegative();
    }

    @Test
    void shouldStartAfterAnEmptyStore() {
        assertThat(restoreInto(memory)).isEmpty();
        memory.remember(key(1), ReleaseKeys.RELEASE, 1, "C", "G", "s");
        assertThat(store.chunks()).containsExactly(0);
    }

    @Test
    void shouldDropNamesNoEntryUsesAnyMore() {
        memory.remember(key(1), ReleaseKeys.RELEASE, 1, "CAT", "ONLY-HERE", "s");
        memory.remember(key(2), ReleaseKeys.RELEASE, 2, "CAT", "GRP", "s");
        assertThat(memory.names()).isEqualTo(4);

        memory.forgetBefore(2);

        assertThat(memory.names()).isEqualTo(3);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
