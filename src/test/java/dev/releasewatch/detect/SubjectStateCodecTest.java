package dev.releasewatch.detect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import dev.releasewatch.avro.Direction;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.Severity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The detector's state survives an upgrade: the current version writes enums by name, a state written by the
 * previous release (version 1, enums by ordinal; a committed fixture written by that release's codec) decodes to
 * the same state, and a version this release does not know is refused with a message that says so.
 */
class SubjectStateCodecTest {

    @Test
    void shouldDecodeAStateWrittenByThePreviousReleaseToTheSameState() throws Exception {
        byte[] v1 = fixture("subject-state-v1.bin");
        assertThat(v1[0]).isEqualTo((byte) 1);

        SubjectState decoded = SubjectStateCodec.decode(v1, SubjectStateFixture.HISTORY_DAYS);

        assertThat(decoded.scope).isEqualTo(Scope.GROUP);
        assertThat(decoded.subject).isEqualTo("RAZOR");
        assertThat(decoded.incident.direction).isEqualTo(Direction.SPIKE);
        assertThat(decoded.incident.severity).isEqualTo(Severity.CRITICAL);
        assertThat(decoded.incident.granularity).isEqualTo(Granularity.DAY);
        assertThat(SubjectStateCodec.encode(decoded))
                .as("every other field is the same too")
                .isEqualTo(SubjectStateCodec.encode(SubjectStateFixture.state()));
    }

    @Test
    void shouldWriteEnumsByNameAndReadThemBack() {
        byte[] bytes = SubjectStateCodec.encode(SubjectStateFixture.state());
        assertThat(bytes[0]).isEqualTo((byte) SubjectStateCodec.VERSION);
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
                .contains("GROUP")
                .contains("SPIKE")
                .contains("CRITICAL");
        SubjectState back = SubjectStateCodec.decode(bytes, SubjectStateFixture.HISTORY_DAYS);
        assertThat(SubjectStateCodec.encode(back)).isEqualTo(bytes);
    }

    @Test
    void shouldRefuseAVersionFromANewerRelease() {
        byte[] bytes = SubjectStateCodec.encode(SubjectStateFixture.state());
        bytes[0] = (byte) (SubjectStateCodec.VERSION + 1);
        assertThatThrownBy(() -> SubjectStateCodec.decode(bytes, SubjectStateFixture.HISTORY_DAYS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("newer release");
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = SubjectStateCodecTest.class.getResourceAsStream("/upgrade/" + name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return in.readAllBytes();
        }
    }
}
