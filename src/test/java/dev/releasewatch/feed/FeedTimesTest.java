package dev.releasewatch.feed;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedTimesTest {

    private static final Instant T = Instant.parse("2020-08-19T13:22:11Z");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2020-08-19T13:22:11Z",
                "2020-08-19T13:22:11.000Z",
                "2020-08-19T15:22:11+02:00",
                "2020-08-19T13:22:11",
                "2020-08-19 13:22:11",
                " 1597843331 ",
                "1597843331000",
                "1597843331.0009"
            })
    void shouldAcceptEveryDocumentedForm(final String text) {
        assertThat(FeedTimes.parse(text)).isEqualTo(T);
    }

    @Test
    void shouldKeepNegativeEpochsForValidationToJudge() {
        assertThat(FeedTimes.parse("-86400")).isEqualTo(Instant.parse("1969-12-31T00:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2020-13-45T00:00:00Z", "1e999999999", "12:00", "--5"})
    void shouldRejectNonTimes(final String text) {
        assertThatThrownBy(() -> FeedTimes.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
