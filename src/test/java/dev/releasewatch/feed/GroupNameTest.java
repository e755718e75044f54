package dev.releasewatch.feed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class GroupNameTest {

    @ParameterizedTest
    @CsvSource({
        "Some.Movie.2020.1080p.BluRay.x264-SPARKS, SPARKS",
        "A.Show.S02E05.720p.HDTV.x264-KILLERS, KILLERS",
        "Artist-Album-WEB-2020-GROUP, GROUP",
        "Cyberpunk.2077-CODEX, CODEX",
        "SurCode.DVD.Professional.DTS.Encoder.v1.0.21.Retail-iNTENSiON, iNTENSiON",
        "' Trimmed.Name-GRP  ', GRP",
        "Some.Movie.2020.1080p.WEB-DL.x264-GROUP[rarbg], GROUP",
        "Some.Movie.2020.1080p.WEB-DL.x264-GROUP [rarbg][eztv], GROUP",
        "Some.Movie.2020.1080p.BluRay.x264-GROUP.mkv, GROUP",
        "Some.Movie.2020.1080p.BluRay.x264-GROUP.XS, GROUP.XS",
        "No.Dash.Here, NOGROUP",
        "Trailing.Dash-, NOGROUP",
        "'Trailing.Dash- ', NOGROUP",
        "'', NOGROUP"
    })
    void shouldTakeTheSuffixAfterTheLastDash(final String name, final String group) {
        assertThat(GroupName.of(name)).isEqualTo(group);
    }

    @Test
    void shouldTreatNullAsNoGroup() {
        assertThat(GroupName.of(null)).isEqualTo(GroupName.NOGROUP);
    }
}
