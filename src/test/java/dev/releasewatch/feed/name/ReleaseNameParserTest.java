package dev.releasewatch.feed.name;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each feature on invented names (none of these comes from the shared corpus). */
class ReleaseNameParserTest {

    private final ReleaseNameParser parser = new ReleaseNameParser();

    @Nested
    class Movies {

        @Test
        void shouldReadEveryPartOfASceneMovieName() {
            ParsedRelease r = parser.parse("Quiet.Harbor.2019.1080p.BluRay.x264-NOVAGRP");
            assertThat(r.type()).isEqualTo(ReleaseType.MOVIE);
            assertThat(r.title()).isEqualTo("Quiet Harbor");
            assertThat(r.year()).isEqualTo(2019);
            assertThat(r.resolution()).isEqualTo("1080p");
            assertThat(r.source()).isEqualTo("BluRay");
            assertThat(r.codec()).isEqualTo("x264");
            assertThat(r.group()).isEqualTo("NOVAGRP");
            assertThat(r.seasons()).isEmpty();
            assertThat(r.category()).isEqualTo(Category.MOVIE);
            assertThat(r.categorySource()).isEqualTo(CategorySource.NAME);
        }

        @Test
        void shouldTakeTheLastOfSeveralYearsAsTheReleaseYear() {
            ParsedRelease r = parser.parse("Hotel.1999.2021.720p.WEB.h264-GRP");
            assertThat(r.title()).isEqualTo("Hotel 1999");
            assertThat(r.year()).isEqualTo(2021);
        }

        @Test
        void shouldKeepALeadingYearInTheTitleWhenAnotherYearFollows() {
            ParsedRelease r = parser.parse("1984.Echoes.of.Tin.2018.720p.BluRay.x264-GRP");
            assertThat(r.title()).isEqualTo("1984 Echoes of Tin");
            assertThat(r.year()).isEqualTo(2018);
        }

        @Test
        void shouldEndTheTitleAtEditionAndLanguageWords() {
            ParsedRelease r = parser.parse("Copper.Valley.EXTENDED.German.DL.1080p.BluRay.x264-GRP");
            assertThat(r.title()).isEqualTo("Copper Valley");
            assertThat(r.languages()).containsExactly("GERMAN", "DUAL");
            assertThat(r.flags()).contains("EXTENDED");
        }

        @Test
        void shouldKeepALanguageWordThatIsPartOfTheTitle() {
            assertThat(parser.parse("The.Quiet.German.2011.GERMAN.720p.BluRay.x264-GRP")
                            .title())
                    .isEqualTo("The Quiet German");
            assertThat(parser.parse("The.English.Gardener.720p.BluRay.x264-GRP").title())
                    .isEqualTo("The English Gardener");
        }

        @Test
        void shouldKeepHyphenatedTitleWords() {
            assertThat(parser.parse("Star-Crossed.Mice.2020.1080p.WEB-DL.H.264-GRP")
                            .title())
                    .isEqualTo("Star-Crossed Mice");
        }
    }

    @Nested
    class Episodes {

        @Test
        void shouldReadSeasonAndEpisode() {
            ParsedRelease r = parser.parse("Lantern.Keepers.S02E07.720p.HDTV.x264-GRP");
            assertThat(r.type()).isEqualTo(ReleaseType.EPISODE);
            assertThat(r.title()).isEqualTo("Lantern Keepers");
            assertThat(r.season()).isEqualTo(2);
            assertThat(r.episode()).isEqualTo(7);
            assertThat(r.category()).isEqualTo(Category.TV);
        }

        @Test
        void shouldReadMultiEpisodeForms() {
            assertThat(parser.parse("Lantern.Keepers.S02E07E08.720p.HDTV.x264-GRP")
                            .episodes())
                    .containsExactly(7, 8);
            assertThat(parser.parse("Lantern.Keepers.S02E07-E09.720p.HDTV.x264-GRP")
                            .episodes())
                    .containsExactly(7, 8, 9);
            assertThat(parser.parse("Lantern.Keepers.S02E07-09.720p.HDTV.x264-GRP")
                            .episodes())
                    .containsExactly(7, 8, 9);
            assertThat(parser.parse("Lantern.Keepers.2x07x08.HDTV.x264-GRP").episodes())
                    .containsExactly(7, 8);
            assertThat(parser.parse("Lantern.Keepers.S02E07.S02E08.HDTV.x264-GRP")
                            .episodes())
                    .containsExactly(7, 8);
        }

        @Test
        void shouldReadSeasonPacksAndSeasonRanges() {
            ParsedRelease pack = parser.parse("Lantern.Keepers.S03.1080p.WEB.h264-GRP");
            assertThat(pack.seasons()).containsExactly(3);
            assertThat(pack.episodes()).isEmpty();
            assertThat(pack.type()).isEqualTo(ReleaseType.EPISODE);
            assertThat(parser.parse("Lantern.Keepers.S01-S03.1080p.BluRay.x264-GRP")
                            .seasons())
                    .containsExactly(1, 2, 3);
            assertThat(parser.parse("Lantern.Keepers.Season.4.1080p.WEB.h264-GRP")
                            .seasons())
                    .containsExactly(4);
        }

        @Test
        void shouldReadDailyShowsAsADate() {
            ParsedRelease r = parser.parse("Night.Talk.With.Someone.2020.08.26.Guest.Name.720p.HDTV.x264-GRP");
            assertThat(r.type()).isEqualTo(ReleaseType.EPISODE);
            assertThat(r.title()).isEqualTo("Night Talk With Someone");
            assertThat(r.date()).isEqualTo(LocalDate.of(2020, 8, 26));
            assertThat(r.year()).isEqualTo(2020);
            assertThat(parser.parse("Night.Talk.26.08.2020.HDTV.x264-GRP").date())
                    .isEqualTo(LocalDate.of(2020, 8, 26));
        }

        @Test
        void shouldReadCompactEpisodeNumbersAfterTheTitle() {
            ParsedRelease r = parser.parse("lantern.keepers.312.hdtv-grp");
            assertThat(r.season()).isEqualTo(3);
            assertThat(r.episode()).isEqualTo(12);
            assertThat(r.title()).isEqualTo("lantern keepers");
        }

        @Test
        void shouldReadAbsoluteEpisodesOfFansubReleases() {
            ParsedRelease r = parser.parse("[SubCrew] Paper Moon Riders - 07 [1080p][ABCD1234]");
            assertThat(r.group()).isEqualTo("SubCrew");
            assertThat(r.title()).isEqualTo("Paper Moon Riders");
            assertThat(r.episodes()).containsExactly(7);
            assertThat(r.seasons()).isEmpty();
            assertThat(r.resolution()).isEqualTo("1080p");
            assertThat(r.category()).isEqualTo(Category.ANIME);
        }
    }

    @Nested
    class Quality {

        @Test
        void shouldNormaliseResolutions() {
            assertThat(parser.parse("Quiet.Harbor.2019.1920x1080.WEB.h264-GRP").resolution())
                    .isEqualTo("1080p");
            assertThat(parser.parse("Quiet.Harbor.2019.4K.WEB.h265-GRP").resolution())
                    .isEqualTo("2160p");
            assertThat(parser.parse("Quiet.Harbor.2019.1080i.HDTV.MPEG2-GRP").resolution())
                    .isEqualTo("1080i");
        }

        @Test
        void shouldNormaliseSources() {
            assertThat(parser.parse("Quiet.Harbor.2019.720p.WEB-DL.H264-GRP").source())
                    .isEqualTo("WEB-DL");
            assertThat(parser.parse("Quiet.Harbor.2019.720p.WEB.DL.H264-GRP").source())
                    .isEqualTo("WEB-DL");
            assertThat(parser.parse("Quiet.Harbor.2019.720p.AMZN.WEB.h264-GRP").source())
                    .isEqualTo("WEB");
            assertThat(parser.parse("Quiet.Harbor.2019.720p.WEBRip.x264-GRP").source())
                    .isEqualTo("WEBRip");
            assertThat(parser.parse("Quiet.Harbor.2019.720p.Blu-ray.x264-GRP").source())
                    .isEqualTo("BluRay");
            assertThat(parser.parse("Quiet.Harbor.2019.2160p.UHD.BluRay.x265-GRP")
                            .source())
                    .isEqualTo("UHD-BluRay");
            assertThat(parser.parse("Quiet.Harbor.2019.DVDRip.XviD-GRP").source())
                    .isEqualTo("DVDRip");
            assertThat(parser.parse("Quiet.Harbor.2019.PAL.DVDR-GRP").source()).isEqualTo("DVDR");
            assertThat(parser.parse("Quiet.Harbor.2019.1080p.DD5.1.AVC.REMUX-GRP")
                            .source())
                    .isEqualTo("BluRay");
        }

        @Test
        void shouldNormaliseCodecs() {
            assertThat(parser.parse("Quiet.Harbor.2019.720p.WEB.H.264-GRP").codec())
                    .isEqualTo("H.264");
            assertThat(parser.parse("Quiet.Harbor.2019.720p.WEB.HEVC-GRP").codec())
                    .isEqualTo("H.265");
            assertThat(parser.parse("Quiet.Harbor.2019.720p.BluRay.x265-GRP").codec())
                    .isEqualTo("x265");
            assertThat(parser.parse("Quiet.Harbor.2019.DVDRip.XViD-GRP").codec())
                    .isEqualTo("XviD");
        }

        @Test
        void shouldCollectFlagsAndLanguages() {
            ParsedRelease r = parser.parse("Quiet.Harbor.2019.FRENCH.PROPER.iNTERNAL.READ.NFO.720p.BluRay.x264-GRP");
            assertThat(r.flags()).contains("PROPER", "iNTERNAL", "READNFO");
            assertThat(r.languages()).containsExactly("FRENCH");
            assertThat(r.hasFlag("proper")).isTrue();
            assertThat(parser.parse("Lantern.Keepers.S01E01.REPACK.MULTi.1080p.WEB.h264-GRP")
                            .flags())
                    .containsExactly("REPACK");
        }
    }

    @Nested
    class Groups {

        @Test
        void shouldKeepHyphenatedGroups() {
            assertThat(parser.parse("Quiet.Harbor.2019.720p.BluRay.x264-NOVA-CREW")
                            .group())
                    .isEqualTo("NOVA-CREW");
        }

        @Test
        void shouldDropTrackerTagsRepostSuffixesAndExtensions() {
            assertThat(parser.parse("Quiet.Harbor.2019.720p.BluRay.x264-NOVAGRP[eztv]")
                            .group())
                    .isEqualTo("NOVAGRP");
            assertThat(parser.parse("Quiet.Harbor.2019.720p.BluRay.x264-NOVAGRP-Obfuscated")
                            .group())
                    .isEqualTo("NOVAGRP");
            assertThat(parser.parse("Quiet.Harbor.2019.720p.BluRay.x264-NOVAGRP.mkv")
                            .group())
                    .isEqualTo("NOVAGRP");
            assertThat(parser.parse("Quiet.Harbor.2019.720p.BluRay.x264-NOVAGRP[www.example.com]")
                            .group())
                    .isEqualTo("NOVAGRP");
        }

        @Test
        void shouldFindNoGroupWhereThereIsNone() {
            assertThat(parser.parse("Quiet.Harbor.2019.720p.BluRay.x264").group())
                    .isNull();
            assertThat(parser.parse("Lantern.Keepers.S01E02.Pilot.Episode").group())
                    .isNull();
            assertThat(parser.parse("Lantern.Keepers.S01E02.HDTV-1080p").group())
                    .isNull();
        }
    }

    @Nested
    class Categories {

        @Test
        void shouldUseASpecificSection() {
            ParsedRelease r = parser.parse("Quiet.Harbor.2019.1080p.BluRay.x264-GRP", "x264-hd");
            assertThat(r.category()).isEqualTo(Category.MOVIE);
            assertThat(r.categorySource()).isEqualTo(CategorySource.SECTION);
            assertThat(parser.parse("Lantern.Keepers.S01E01.720p.HDTV.x264-GRP", "TV-X264")
                            .categorySource())
                    .isEqualTo(CategorySource.SECTION);
        }

        @Test
        void shouldInferFromTheNameWhenTheSectionIsGenericOrUnknown() {
            for (String section : new String[] {"PRE", "pre", " ", "", "SOMETHING-NEW", null}) {
                ParsedRelease r = parser.parse("Lantern.Keepers.S01E01.720p.HDTV.x264-GRP", section);
                assertThat(r.category()).as(String.valueOf(section)).isEqualTo(Category.TV);
                assertThat(r.categorySource()).isEqualTo(CategorySource.NAME);
            }
        }

        @Test
        void shouldRecogniseNonVideoReleases() {
            ParsedRelease music = parser.parse("Some_Artist-Another_Song_Title-WEB-2023-GRP");
            assertThat(music.type()).isEqualTo(ReleaseType.MUSIC);
            assertThat(music.category()).isEqualTo(Category.MUSIC);
            assertThat(music.group()).isEqualTo("GRP");
            assertThat(music.title()).isEqualTo("Another Song Title");
            ParsedRelease game = parser.parse("Castle.Builder.Deluxe.Update.v1.2.3.NSW-GRP");
            assertThat(game.type()).isEqualTo(ReleaseType.GAME);
            assertThat(game.category()).isEqualTo(Category.GAME);
            assertThat(game.title()).isEqualTo("Castle Builder Deluxe");
            ParsedRelease app = parser.parse("PixelTool.Pro.v5.2.1.x64.Incl.Keygen-GRP");
            assertThat(app.type()).isEqualTo(ReleaseType.SOFTWARE);
            assertThat(app.category()).isEqualTo(Category.APP);
            ParsedRelease book = parser.parse("Garden.Monthly.June.2021.RETAiL.eBook-GRP");
            assertThat(book.type()).isEqualTo(ReleaseType.EBOOK);
            assertThat(book.category()).isEqualTo(Category.EBOOK);
            assertThat(parser.parse("NBA.2022.03.14.Hawks.vs.Owls.720p.WEB.h264-GRP")
                            .category())
                    .isEqualTo(Category.SPORT);
            assertThat(parser.parse("Studio.22.03.14.Some.Scene.XXX.1080p.MP4-GRP")
                            .category())
                    .isEqualTo(Category.XXX);
        }
    }

    @Nested
    class HostileInput {

        @Test
        void shouldReturnOtherWithoutGroupForNullEmptyAndGarbage() {
            for (String name : new String[] {
                null,
                "",
                "   ",
                "...",
                "-",
                "----",
                "[]",
                "()",
                "-GRP",
                "\u0000\u0001",
                "\uFFFF\uFFFE",
                "🙂🙂🙂",
                "____----....",
                "[[[[[[",
                "))))(((("
            }) {
                ParsedRelease r = parser.parse(name);
                assertThat(r.type()).as("type of %s", name).isEqualTo(ReleaseType.OTHER);
                assertThat(r.group()).as("group of %s", name).isNull();
                assertThat(r.name()).isEqualTo(name);
            }
        }

        @Test
        void shouldReturnQuicklyOnAOneMegabyteName() {
            StringBuilder sb = new StringBuilder(1 << 20);
            Random random = new Random(7);
            String alphabet = "aS01E2x.-_[]()9 ";
            while (sb.length() < (1 << 20)) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            // a guard against unbounded work (a backtracking pattern on 1 MB would run for minutes), not a speed
            // measurement:
            // the bound is two orders of magnitude above the real cost so a loaded runner cannot make it flake
            ParsedRelease r =
                    Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5), () -> parser.parse(sb.toString()));
            assertThat(r.type()).isEqualTo(ReleaseType.OTHER);
            assertThat(r.group()).isNull();
        }

        @Test
        void shouldParseNamesAtTheLengthLimitInLinearTime() {
            String longest = "A.".repeat(ReleaseNameParser.MAX_NAME_LENGTH / 2 - 10) + "S01E01-GRP";
            // as above: a guard against super-linear blow-up (minutes), with a bound far above the real cost
            Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                for (int i = 0; i < 100; i++) {
                    ReleaseNameParser.parseUnchecked(longest, null);
                    ReleaseNameParser.parseUnchecked("S01E01-".repeat(70), null);
                    ReleaseNameParser.parseUnchecked("1.".repeat(250), null);
                }
            });
        }

        @Test
        void shouldNeverThrowOnRandomNamesBuiltFromTheVocabulary() {
            String[] parts = {
                "S01",
                "E02",
                "x",
                "-",
                ".",
                "_",
                "[",
                "]",
                "(",
                ")",
                "2020",
                "1080p",
                "WEB",
                "DL",
                "H",
                "264",
                "5",
                "1",
                "v1",
                "0",
                "of",
                "Season",
                "Cap",
                "-E",
                "&",
                "+",
                "GRP",
                "Title",
                "99999",
                "0308",
                "12",
                "07v2",
                "DD5",
                "AAC2",
                "1x02",
                "S2014",
                "-2021-",
                "REMUX",
                "4K",
                "UHD",
                "eBook",
                "NSW",
                "mp3",
                "FLAC",
                "-1",
                "[eztv]",
                "www.x.com",
                "---",
                " - ",
                "E",
                "Ep",
                "Episode",
                "S",
                "\u00e9"
            };
            Random random = new Random(42);
            for (int n = 0; n < 20_000; n++) {
                StringBuilder sb = new StringBuilder();
                int words = 1 + random.nextInt(14);
                for (int w = 0; w < words; w++) {
                    sb.append(parts[random.nextInt(parts.length)]);
                }
                String name = sb.toString();
                ParsedRelease r = ReleaseNameParser.parseUnchecked(name, null);
                assertThat(r).as(name).isNotNull();
            }
        }

        @Test
        void shouldNotTreatOverlongNamesAsReleases() {
            String name = "Quiet.Harbor.2019.1080p.BluRay.x264-GRP" + ".x".repeat(400);
            ParsedRelease r = parser.parse(name, "X264");
            assertThat(r.type()).isEqualTo(ReleaseType.OTHER);
            assertThat(r.group()).isNull();
            assertThat(r.category()).isEqualTo(Category.MOVIE);
            assertThat(r.categorySource()).isEqualTo(CategorySource.SECTION);
        }

        @Test
        void shouldGiveImmutableResults() {
            ParsedRelease r = parser.parse("Lantern.Keepers.S02E07E08.720p.HDTV.x264-GRP");
            List<Integer> episodes = r.episodes();
            assertThatThrownBy(() -> episodes.add(9)).isInstanceOf(UnsupportedOperationException.class);
        }
    }
}
