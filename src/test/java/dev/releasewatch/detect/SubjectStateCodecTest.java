package dev.releasewatch.detect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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

    private static SubjectState category() {
        SubjectState s = new SubjectState(Scope.CATEGORY, "X264", 63);
        for (int d = 0; d < 20; d++) {
            s.appendDay(18_000 + d, 300 + d, (byte) 0);
        }
        for (int h = 0; h < 30; h++) {
            s.appendHour(432_000 + h, 10 + h % 5, 12.5f);
        }
        s.groupRates.put("SPARKS", 13f);
        return s;
    }

    @Test
    void theLevelShiftHoursSurviveARoundTrip() {
        SubjectState s = category();
        for (int h = 0; h < 80; h++) {
            s.appendShiftHour(h, h + 0.5f, 432_000 + h);
        }

        SubjectState back = SubjectStateCodec.decode(SubjectStateCodec.encode(s), 63);

        assertThat(back.shiftCount).isEqualTo(SubjectState.SHIFT_HOURS);
        assertThat(back.shiftHours).containsExactly(s.shiftHours);
        assertThat(back.shiftExpected).containsExactly(s.shiftExpected);
        assertThat(back.shiftEpochHours).containsExactly(s.shiftEpochHours);
        assertThat(back.shiftEpochHours[0]).isEqualTo(432_008);
    }

    @Test
    void aStateWrittenBeforeTheLevelShiftTestIsStillReadWithoutItsHours() {
        SubjectState s = category();
        byte[] current = SubjectStateCodec.encode(s);
        // version 2 is version 3 without the trailing count of level-shift hours (here 0, one byte)
        byte[] version2 = Arrays.copyOf(current, current.length - 1);
        version2[0] = 2;

        SubjectState back = SubjectStateCodec.decode(version2, 63);

        assertThat(back.shiftCount).isZero();
        assertThat(back.dayCount).isEqualTo(20);
        assertThat(back.recentCount).isEqualTo(24);
        assertThat(back.groupRates).containsEntry("SPARKS", 13f);
        assertThat(SubjectStateCodec.encode(back)).isEqualTo(current);
    }
}
