package dev.releasewatch.detect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeriesDailyExtremesTest {

    @Test
    void theYardstickIsTheRunnerUpOfTheDailyMaxima() {
        SeriesDailyExtremes extremes = new SeriesDailyExtremes(3);
        extremes.advanceTo(100);
        extremes.record(1.0);
        extremes.record(2.0);
        assertThat(extremes.yardstick())
                .as("one day recorded: no runner-up yet")
                .isZero();

        extremes.advanceTo(101);
        extremes.record(0.5);
        assertThat(extremes.yardstick()).as("maxima 2.0 and 0.5").isEqualTo(0.5);

        extremes.advanceTo(102);
        extremes.record(3.0);
        assertThat(extremes.yardstick()).as("maxima 2.0, 0.5, 3.0").isEqualTo(2.0);
    }

    @Test
    void daysLeaveTheMemoryAndAGapForgetsThemAll() {
        SeriesDailyExtremes extremes = new SeriesDailyExtremes(3);
        extremes.advanceTo(10);
        extremes.record(5.0);
        extremes.advanceTo(11);
        extremes.record(4.0);
        extremes.advanceTo(12);
        extremes.record(1.0);
        assertThat(extremes.yardstick()).isEqualTo(4.0);

        extremes.advanceTo(13);
        assertThat(extremes.yardstick()).as("day 10 is out: maxima 4.0, 1.0, 0").isEqualTo(1.0);

        extremes.advanceTo(30);
        assertThat(extremes.yardstick()).isZero();
    }

    @Test
    void needsTwoDaysOfMemory() {
        assertThatThrownBy(() -> new SeriesDailyExtremes(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
