package dev.releasewatch.detect;

import java.util.Arrays;

import dev.releasewatch.avro.Scope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectStateCodecTest {

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
        // version 1 is version 2 without the trailing count of level-shift hours (here 0, one byte)
        byte[] version1 = Arrays.copyOf(current, current.length - 1);
        version1[0] = 1;

        SubjectState back = SubjectStateCodec.decode(version1, 63);

        assertThat(back.shiftCount).isZero();
        assertThat(back.dayCount).isEqualTo(20);
        assertThat(back.recentCount).isEqualTo(24);
        assertThat(back.groupRates).containsEntry("SPARKS", 13f);
        assertThat(SubjectStateCodec.encode(back)).isEqualTo(current);
    }
}
