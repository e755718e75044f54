package dev.releasewatch.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScaledClockTest {

    private final ScaledClock clock = new ScaledClock(1_000_000L, 50_000_000L, 1200);

    @Test
    void anEventHourPassesInThreeWallSeconds() {
        assertThat(clock.eventAt(1_000_000L)).isEqualTo(50_000_000L);
        assertThat(clock.eventAt(1_003_000L)).isEqualTo(50_000_000L + 3_600_000L);
        assertThat(clock.wallAt(50_000_000L + 3_600_000L + 900_000L)).isEqualTo(1_003_750L);
    }

    @Test
    void theWallInstantOfAnEventTimeIsTheFirstThatReachesIt() {
        long event = 50_000_000L + 1_000_001L;
        long wall = clock.wallAt(event);
        assertThat(clock.eventAt(wall)).isGreaterThanOrEqualTo(event);
        assertThat(clock.eventAt(wall - 1)).isLessThan(event);
    }

    @Test
    void rejectsASlowerThanRealClock() {
        assertThatThrownBy(() -> new ScaledClock(0, 0, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
