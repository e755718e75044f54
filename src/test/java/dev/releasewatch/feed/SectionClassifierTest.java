package dev.releasewatch.feed;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a section means is cached per section; a generic section still takes the category from each name. */
class SectionClassifierTest {

    private static final List<String> NAMES = List.of(
            "Some.Show.S01E02.720p.HDTV.x264-LOL",
            "Some.Movie.2020.1080p.BluRay.x264-SPARKS",
            "Artist-Album-WEB-2020-GRP",
            "Unparseable");

    @Test
    void shouldClassifyAsAFreshClassifierDoesWhateverItHasSeenBefore() {
        SectionClassifier used = SectionClassifier.defaults();
        for (int round = 0; round < 2; round++) {
            for (String section : new String[] {"PRE", "x264", " X264 ", null, "", "MOVIE", "TV-HD-X264"}) {
                for (String name : NAMES) {
                    SectionClassifier fresh = SectionClassifier.defaults();
                    assertThat(used.category(section, name))
                            .as(section + " / " + name)
                            .isEqualTo(fresh.category(section, name));
                    assertThat(used.categoryOrigin(section)).isEqualTo(fresh.categoryOrigin(section));
                }
            }
        }
        assertThat(used.category("PRE", NAMES.get(0))).isNotEqualTo(used.category("PRE", NAMES.get(1)));
        assertThat(used.categoryOrigin("PRE")).isEqualTo(ReleaseClassifier.ORIGIN_NAME);
        assertThat(used.categoryOrigin("x264")).isEqualTo(ReleaseClassifier.ORIGIN_SECTION);
        assertThat(used.category("x264", "Unparseable")).isEqualTo("X264");
    }
}
