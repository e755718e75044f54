package dev.releasewatch.topology.dedup;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class ChunkWriterTest {

    @Test
    void shouldReadBackEveryEntryWithNamesWrittenOncePerChunk() {
        NameTable names = new NameTable();
        ChunkWriter writer = new ChunkWriter(names);
        int x264 = names.acquire("X264");
        int sparks = names.acquire("SPARKS");
        int mirror = names.acquire("mirror-ä");
        writer.append(ReleaseKeys.RELEASE, 1L, 1_000L, x264, sparks, mirror);
        byte[] one = writer.toBytes();
        writer.append(ReleaseKeys.NUKE, -2L, Long.MAX_VALUE, x264, sparks, mirror);
        byte[] two = writer.toBytes();

        List<Object> read = new ArrayList<>();
        ChunkWriter.read(two, (kind, key, time, c, g, s) -> read.add(tuple(kind, key, time, c, g, s)));

        assertThat(read)
                .containsExactly(
                        tuple(ReleaseKeys.RELEASE, 1L, 1_000L, "X264", "SPARKS", "mirror-ä"),
                        tuple(ReleaseKeys.NUKE, -2L, Long.MAX_VALUE, "X264", "SPARKS", "mirror-ä"));
        assertThat(ChunkWriter.entries(one)).isEqualTo(1);
        assertThat(two.length - one.length)
                .as("the second entry refers to the names of the first")
                .isEqualTo(20);
    }

    @Test
    void shouldRefuseAChunkOfAnotherFormat() {
        byte[] chunk = new ChunkWriter(new NameTable()).toBytes();
        chunk[0] = 2;
        assertThatThrownBy(() -> ChunkWriter.read(chunk, (kind, key, time, c, g, s) -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("newer release");
    }
}
