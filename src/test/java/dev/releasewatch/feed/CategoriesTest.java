package dev.releasewatch.feed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CategoriesTest {

    private final Categories categories = Categories.defaults();

    @ParameterizedTest
    @CsvSource({
        "TV-HD-X264, TV-X264",
        "tv-xvid, TV-SD",
        "' Movies-X264 ', X264",
        "X264-HD, X264",
        "movie-hd, X264",
        "BD, BLURAY",
        "BLURAY-UHD, BLURAY",
        "BLURAY-AVC, BLURAY",
        "MP3-WEB, MP3",
        "ebooks, EBOOK",
        "E-BOOK, EBOOK",
        "AUDIOBOOK, ABOOK",
        "abook, ABOOK",
        "GAMES-PC, GAMES",
        "PC-GAMES, GAMES",
        "game, GAMES",
        "0-DAY, 0DAY",
        "0day, 0DAY",
        "MUSICVIDEO, MVID",
        "MVID-HD, MVID",
        "mvid, MVID",
        "x265, X265",
        "UHD, X265",
        "DVD-R, DVDR",
        "XXX-X264, XXX",
        "FLAC-WEB, FLAC",
        "apps, APPS",
        "Applications, APPS"
    })
    void shouldMapAliasesAndCanonicalSections(final String section, final String category) {
        assertThat(categories.categoryOf(section)).isEqualTo(category);
    }

    @ParameterizedTest
    @CsvSource({
        "Wii, WII",
        "PS3, PS3",
        "anime, ANIME",
        "' nsw ', NSW",
        "tv, TV",
        "PRE, PRE",
        "SOME-NEW-THING, SOME-NEW-THING"
    })
    void shouldKeepUnknownSectionsTrimmedAndUpperCased(final String section, final String category) {
        assertThat(categories.categoryOf(section)).isEqualTo(category);
    }

    @Test
    void shouldMapMissingSectionToUnknown() {
        assertThat(categories.categoryOf(null)).isEqualTo(Categories.UNKNOWN);
        assertThat(categories.categoryOf("")).isEqualTo(Categories.UNKNOWN);
        assertThat(categories.categoryOf(" \t")).isEqualTo(Categories.UNKNOWN);
    }

    @Test
    void shouldShipAGenerousTableWhoseTargetsAreNotAliasesThemselves() {
        assertThat(categories.aliases()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(categories.aliases().values())
                .doesNotContainAnyElementsOf(categories.aliases().keySet());
    }

    @Test
    void shouldLetConfigurationAddAndOverrideAliases() throws IOException {
        final Categories extended = categories.withAliases(Map.of(" wii ", "consoles", "TV-XVID", "tv-xvid"));
        assertThat(extended.categoryOf("Wii")).isEqualTo("CONSOLES");
        assertThat(extended.categoryOf("tv-xvid")).isEqualTo("TV-XVID");
        assertThat(extended.categoryOf("TV-HD-X264")).isEqualTo("TV-X264");
        assertThat(categories.categoryOf("Wii")).isEqualTo("WII");

        final Categories loaded = Categories.load(
                new ByteArrayInputStream("# comment\nmovies-x264 = x264\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(loaded.aliases()).containsExactly(Map.entry("MOVIES-X264", "X264"));
    }
}
