package dev.releasewatch.topology.dedup;

import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The de-duplication store's entries carry a version, and those written by the previous release (no version byte;
 * a committed fixture written by that release) still read back the same, so a changelog restores after an upgrade.
 */
class SeenReleaseTest {

    @Test
    void shouldReadAnEntryWrittenByThePreviousRelease() throws Exception {
        byte[] v1;
        try (InputStream in = SeenReleaseTest.class.getResourceAsStream("/upgrade/seen-release-v1.bin")) {
            assertThat(in).isNotNull();
            v1 = in.readAllBytes();
        }
        assertThat(SeenRelease.serde().deserializer().deserialize("seen", v1)).isEqualTo(SeenReleaseFixture.SEEN);
    }

    @Test
    void shouldWriteTheVersionAndReadItBack() {
        byte[] bytes = SeenRelease.serde().serializer().serialize("seen", SeenReleaseFixture.SEEN);
        assertThat(bytes[0] & 0x7F).isEqualTo(SeenRelease.VERSION);
        assertThat(SeenRelease.serde().deserializer().deserialize("seen", bytes))
                .isEqualTo(SeenReleaseFixture.SEEN);
    }

    @Test
    void shouldRefuseAVersionFromANewerRelease() throws IOException {
        byte[] bytes = SeenRelease.serde().serializer().serialize("seen", SeenReleaseFixture.SEEN);
        bytes[0] = (byte) (0x80 | (SeenRelease.VERSION + 1));
        assertThatThrownBy(() -> SeenRelease.fromBytes(bytes))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("newer release");
    }
}
