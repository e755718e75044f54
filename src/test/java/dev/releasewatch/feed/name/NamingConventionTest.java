package dev.releasewatch.feed.name;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One test per naming-convention rule of {@code docs/parser.md}, on names invented for the purpose in the scene's
 * style (none comes from the shared corpus).
 */
class NamingConventionTest {

    private final ReleaseNameParser parser = new ReleaseNameParser();

    @Nested
    class Group {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "Quiet.Harbor.2019.1080p.WEB.H264-NOVAGRP.proof",
                    "Quiet.Harbor.2019.1080p.WEB.H264-NOVAGRP-proof",
                    "Quiet.Harbor.2019.1080p.WEB.H264-NOVAGRP.Sample",
                    "Quiet.Harbor.2019.1080p.WEB.H264-NOVAGRP_sample",
                    "Quiet.Harbor.2019.1080p.WEB.H264-NOVAGRP.nfo",
                    "Quiet.Harbor.2019.1080p.WEB.H264-NOVAGRP-subs",
                    "Quiet.Harbor.2019.1080p.WEB.H264-NOVAGRP.proof.jpg",
                    "Quiet.Harbor.2019.1080p.WEB.H264-NOVAGRP.sample.mkv",
                    "Quiet.Harbor.2019.1080p.WEB.H264-NOVAGRP.covers"
                })
        void shouldReadTheGroupBeforeTrailingMarkersOfExtraFiles(String name) {
            assertThat(parser.parse(name).group()).isEqualTo("NOVAGRP");
        }

        @Test
        void shouldNeverTakeAMarkerForTheGroup() {
            assertThat(parser.parse("Quiet.Harbor.2019.1080p.WEB.H264-sample").group())
                    .isNull();
            assertThat(parser.parse("Quiet.Harbor.2019.1080p.WEB.H264.proof").group())
                    .isNull();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "Quiet.Harbor.2019.1080p.WEB-DL.DDP5.1-NOVAGRP",
                    "Quiet.Harbor.2019.1080p.BluRay.x264.DTS-HD.MA.5.1-NOVAGRP",
                    "Quiet.Harbor.2019.1080p.BluRay.x264.5.1-NOVAGRP",
                    "Quiet.Harbor.2019.1080p.WEB.HEVC.7.1-NOVAGRP",
                    "Quiet.Harbor.2019.1080p.WEB.x264.AAC-LC-NOVAGRP",
                    "Quiet.Harbor.2019.1080p.WEB.x264.AAC-HE-NOVAGRP",
                    "Quiet.Harbor.2019.1080p.WEB.x264.AC-3-NOVAGRP",
                    "Quiet.Harbor.2019.1080p.WEB.x264.WMA-NOVAGRP",
                    "Quiet.Harbor.2019.1080p.WEB.x264.DD-EX-NOVAGRP"
                })
        void shouldNotTakeAudioOrCodecFragmentsIntoTheGroup(String name) {
            assertThat(parser.parse(name).group()).isEqualTo("NOVAGRP");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "Photo.Tool.Pro.v2.1.Keygen.Only-NOVAGRP",
                    "Photo.Tool.Pro.v2.1.Crack-Only-NOVAGRP",
                    "Photo.Tool.Pro.v2.1.ISO-NOVAGRP",
                    "Photo.Tool.Pro.v2.1.Keyfilemaker-NOVAGRP",
                    "Photo.Tool.Pro.v2.1.Activator-NOVAGRP",
                    "Photo.Tool.Pro.v2.1.Working.Build-NOVAGRP"
                })
        void shouldTakeWhatFollowsTheLastHyphenAfterAVersion(String name) {
            assertThat(parser.parse(name).group()).isEqualTo("NOVAGRP");
        }

        @Test
        void shouldTakeWhatFollowsTheLastHyphenAfterAnEpisodeTitle() {
            assertThat(parser.parse("Lantern.Keepers.S02E07.The.Long-Night.720p.HDTV.x264-NOVAGRP")
                            .group())
                    .isEqualTo("NOVAGRP");
            assertThat(parser.parse("Lantern.Keepers.S02E07.The.Long.Night-NOVAGRP")
                            .group())
                    .isEqualTo("NOVAGRP");
        }

        @Test
        void shouldKeepHyphenatedGroupsHangingOnTheTechnicalWords() {
            assertThat(parser.parse("Quiet.Harbor.2019.1080p.BluRay.x264-NOVA-GRP")
                            .group())
                    .isEqualTo("NOVA-GRP");
            assertThat(parser.parse("Quiet.Harbor.2019.DVDRip.XviD.HQ.Nova-GR8").group())
                    .isEqualTo("Nova-GR8");
        }

        @Test
        void shouldNotJoinTwoHyphensAfterADotIntoOneGroup() {
            assertThat(parser.parse("Quiet.Harbor.2019.1080p.BluRay.x264.Some-Tag-NOVAGRP")
                            .group())
                    .isEqualTo("NOVAGRP");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "[somesite.mx] Quiet.Harbor.2019.1080p.BluRay.x264 [TrailGrp]",
                    "[ www.somesite.lt ] Quiet.Harbor.2019.1080p.BluRay.x264.[TrailGrp]",
                    "[REQ] Quiet.Harbor.2019.1080p.BluRay.x264 [TrailGrp]",
                    "[Some Tracker] Quiet.Harbor.2019.1080p.BluRay.x264 [TrailGrp]",
                    "[LeadGrp] Quiet.Harbor.2019.1080p.BluRay.x264 [TrailGrp]",
                    "[LeadGrp] Quiet.Harbor.2019.1080p.BluRay.x264-TrailGrp"
                })
        void shouldTakeATrailingGroupAfterALeadingBracket(String name) {
            assertThat(parser.parse(name).group()).isEqualTo("TrailGrp");
        }

        @Test
        void shouldKeepTheLeadingFansubGroupWhenTrailingBracketsAreTags() {
            assertThat(parser.parse("[LeadGrp] Lantern Keepers - 07 [1080p] [Multi-Subs]")
                            .group())
                    .isEqualTo("LeadGrp");
            assertThat(parser.parse("[LeadGrp] Lantern Keepers - 07 (1080p) [ABCD1234]")
                            .group())
                    .isEqualTo("LeadGrp");
        }

        @Test
        void shouldRemoveRepostSuffixesAndMarkersInAnyOrder() {
            assertThat(parser.parse("Quiet.Harbor.2019.1080p.BluRay.x264-NOVAGRP-Obfuscated.proof")
                            .group())
                    .isEqualTo("NOVAGRP");
        }

        @Test
        void shouldReadTheGroupOfANameWithoutTechnicalWords() {
            ParsedRelease r = parser.parse("Quiet_Game_Deluxe_Edition-NOVAGRP");
            assertThat(r.group()).isEqualTo("NOVAGRP");
            assertThat(r.title()).isEqualTo("Quiet Game Deluxe Edition");
            assertThat(parser.parse("Quiet.Game.MULTi5-NOVAGRP").group()).isEqualTo("NOVAGRP");
        }

        @Test
        void shouldTakeABracketedGroupAfterTheFinalHyphenEvenWhenItIsDotted() {
            assertThat(parser.parse("Quiet.Harbor.2019.720p.BluRay.x264-[GRP.XY]")
                            .group())
                    .isEqualTo("GRP.XY");
        }
    }

    @Nested
    class Episodes {

        @Test
        void shouldReadThreeAndFourDigitNumbersAsSeasonAndEpisodeBeforeTechnicalWords() {
            ParsedRelease r = parser.parse("Lantern.Keepers.416.720p.HDTV.x264-GRP");
            assertThat(r.seasons()).containsExactly(4);
            assertThat(r.episodes()).containsExactly(16);
            assertThat(r.title()).isEqualTo("Lantern Keepers");
            ParsedRelease four = parser.parse("Lantern.Keepers.1016.720p.HDTV.x264-GRP");
            assertThat(four.seasons()).containsExactly(10);
            assertThat(four.episodes()).containsExactly(16);
        }

        @Test
        void shouldReadAbsoluteNumbersInFansubNames() {
            ParsedRelease r = parser.parse("[LeadGrp] Lantern Keepers 416 [720p]");
            assertThat(r.seasons()).isEmpty();
            assertThat(r.episodes()).containsExactly(416);
        }

        @ParameterizedTest
        @CsvSource({
            "Lantern.Keepers.S14E00.and.S14E01.720p.HDTV.x264-GRP, 14, '0,1'",
            "Lantern.Keepers.S02E03.And.E04.720p.HDTV.x264-GRP, 2, '3,4'",
            "Lantern.Keepers.2x05.and.2x06.720p.HDTV.x264-GRP, 2, '5,6'",
            "Lantern.Keepers.S02E03.to.S02E06.720p.HDTV.x264-GRP, 2, '3,4,5,6'",
            "Lantern.Keepers.S03E05.thru.E07.720p.HDTV.x264-GRP, 3, '5,6,7'"
        })
        void shouldJoinEpisodesWrittenWithWords(String name, int season, String episodes) {
            ParsedRelease r = parser.parse(name);
            assertThat(r.seasons()).containsExactly(season);
            assertThat(r.episodes()).containsExactlyElementsOf(ints(episodes));
            assertThat(r.title()).isEqualTo("Lantern Keepers");
        }

        @Test
        void shouldNotReadAnEpisodeTitleStartingWithAJoiningWord() {
            ParsedRelease r = parser.parse("Lantern.Keepers.S02E05.And.Then.There.Were.None.720p.HDTV.x264-GRP");
            assertThat(r.episodes()).containsExactly(5);
            assertThat(parser.parse("Lantern.Keepers.S02E05.To.The.Lighthouse.720p.HDTV.x264-GRP")
                            .episodes())
                    .containsExactly(5);
        }

        @ParameterizedTest
        @CsvSource({
            "Lantern.Keepers.S01-S03.720p.BluRay.x264-GRP, '1,2,3'",
            "Lantern.Keepers.S01-03.720p.BluRay.x264-GRP, '1,2,3'",
            "Lantern.Keepers.S1-3.720p.BluRay.x264-GRP, '1,2,3'",
            "Lantern.Keepers.S01.to.S03.720p.BluRay.x264-GRP, '1,2,3'",
            "Lantern.Keepers.S01.S02.S03.720p.BluRay.x264-GRP, '1,2,3'",
            "Lantern.Keepers.Season.1.2.3.720p.BluRay.x264-GRP, '1,2,3'",
            "Lantern.Keepers.Seasons.1-3.720p.BluRay.x264-GRP, '1,2,3'",
            "Lantern.Keepers.Season.1.and.2.720p.BluRay.x264-GRP, '1,2'",
            "Lantern.Keepers.Season.1.to.4.720p.BluRay.x264-GRP, '1,2,3,4'",
            "Lantern.Keepers.Staffel.1-3.German.720p.BluRay.x264-GRP, '1,2,3'",
            "Lantern.Keepers.Temporadas.1.a.3.720p.BluRay.x264-GRP, '1,2,3'"
        })
        void shouldReadSeasonLists(String name, String seasons) {
            ParsedRelease r = parser.parse(name);
            assertThat(r.seasons()).containsExactlyElementsOf(ints(seasons));
            assertThat(r.title()).isEqualTo("Lantern Keepers");
            assertThat(r.type()).isEqualTo(ReleaseType.EPISODE);
        }

        @Test
        void shouldNotReadANumberStartingAnEpisodeTitleAsASeason() {
            assertThat(parser.parse("Lantern.Keepers.Season.2.3.Days.Later.720p.HDTV.x264-GRP")
                            .seasons())
                    .containsExactly(2);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "Lantern.Keepers.Staffel.2.Folge.5.German.720p.HDTV.x264-GRP",
                    "Lantern.Keepers.S02.Folge.5.German.720p.HDTV.x264-GRP",
                    "Lantern.Keepers.Temporada.2.Capitulo.5.Spanish.720p.HDTV.x264-GRP",
                    "Lantern.Keepers.Temporada.2.Episodio.5.720p.HDTV.x264-GRP",
                    "Lantern.Keepers.Saison.2.Episode.5.FRENCH.720p.HDTV.x264-GRP",
                    "Lantern.Keepers.Stagione.2.Episodio.5.ITA.720p.HDTV.x264-GRP",
                    "Lantern.Keepers.Sezon.2.Odcinek.5.PL.720p.HDTV.x264-GRP",
                    "Lantern.Keepers.Seizoen.2.Aflevering.5.DUTCH.720p.HDTV.x264-GRP",
                    "Lantern.Keepers.Sasong.2.Avsnitt.5.SWEDISH.720p.HDTV.x264-GRP",
                    "Lantern.Keepers.Saeson.2.Afsnit.5.DANISH.720p.HDTV.x264-GRP",
                    "Lantern.Keepers.Kausi.2.Jakso.5.FINNISH.720p.HDTV.x264-GRP",
                    "Lantern.Keepers.Sezona.2.Epizoda.5.720p.HDTV.x264-GRP",
                    "Lantern.Keepers.(2.sezon.5.seriya).2012.HDTVRip",
                    "Lantern.Keepers.(2.sez.5.ser.iz.10).2012.HDTVRip"
                })
        void shouldReadSeasonAndEpisodeWordsOfOtherLanguages(String name) {
            ParsedRelease r = parser.parse(name);
            assertThat(r.seasons()).containsExactly(2);
            assertThat(r.episodes()).containsExactly(5);
            assertThat(r.title()).isEqualTo("Lantern Keepers");
        }

        @Test
        void shouldReadTheEpisodeAfterTheDashOfAFansubName() {
            ParsedRelease season = parser.parse("[LeadSubs] Lantern Keepers S2 - 05 [1080p]");
            assertThat(season.seasons()).containsExactly(2);
            assertThat(season.episodes()).containsExactly(5);
            ParsedRelease word = parser.parse("[LeadSubs] Lantern Keepers Season 2 - 05 [1080p]");
            assertThat(word.seasons()).containsExactly(2);
            assertThat(word.episodes()).containsExactly(5);
            ParsedRelease year = parser.parse("[LeadSubs] Lantern Keepers (2019) - 05 [1080p]");
            assertThat(year.episodes()).containsExactly(5);
            assertThat(year.year()).isEqualTo(2019);
            assertThat(year.type()).isEqualTo(ReleaseType.EPISODE);
        }

        @Test
        void shouldReadAnEpisodeWordWithoutASeason() {
            assertThat(parser.parse("Lantern.Keepers.Folge.12.German.720p.HDTV.x264-GRP")
                            .episodes())
                    .containsExactly(12);
            assertThat(parser.parse("Lantern.Keepers.(08.seriya).2012.WEB-DLRip")
                            .episodes())
                    .containsExactly(8);
        }

        private static List<Integer> ints(String csv) {
            return Arrays.stream(csv.split(",")).map(Integer::valueOf).toList();
        }
    }

    @Nested
    class Titles {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "Quiet.Harbor.CONVERT.1080p.BluRay.x264-GRP",
                    "Quiet.Harbor.PPV.720p.WEB.h264-GRP",
                    "Quiet.Harbor.HDRemux.1080p-GRP",
                    "Quiet.Harbor.DVDRemux.AC3-GRP",
                    "Quiet.Harbor.BDRemux.1080p-GRP",
                    "Quiet.Harbor.Complete.720p.BluRay.x264-GRP",
                    "Quiet.Harbor.COMPLETE.BLURAY-GRP",
                    "Quiet.Harbor.Complete.Series.720p.BluRay.x264-GRP",
                    "Quiet.Harbor.The.Complete.Collection.720p.BluRay.x264-GRP",
                    "Quiet.Harbor.Complete.S01.720p.BluRay.x264-GRP"
                })
        void shouldEndTheTitleBeforeWordsThatEndATitle(String name) {
            assertThat(parser.parse(name).title()).isEqualTo("Quiet Harbor");
        }

        @Test
        void shouldKeepCompleteInsideATitle() {
            assertThat(parser.parse("The.Complete.Guide.to.Tides.2019.1080p.WEB.h264-GRP")
                            .title())
                    .isEqualTo("The Complete Guide to Tides");
        }

        @Test
        void shouldReadRemuxAndPayPerViewAsQualityNotTitle() {
            ParsedRelease remux = parser.parse("Quiet.Harbor.DVDRemux.AC3-GRP");
            assertThat(remux.source()).isEqualTo("DVD");
            assertThat(remux.flags()).contains("REMUX");
            ParsedRelease ppv = parser.parse("Iron.Fist.Night.PPV.HDTV.x264-GRP");
            assertThat(ppv.source()).isEqualTo("HDTV");
            assertThat(ppv.flags()).contains("PPV");
            assertThat(parser.parse("Quiet.Harbor.CONVERT.1080p.BluRay.x264-GRP")
                            .flags())
                    .contains("CONVERT");
        }

        @ParameterizedTest
        @CsvSource({
            "Quiet.Harbor.2.2019.1080p.BluRay.x264-GRP, Quiet Harbor 2, 2019",
            "Hotel.1999.2021.720p.WEB.h264-GRP, Hotel 1999, 2021",
            "1917.2019.1080p.BluRay.x264-GRP, 1917, 2019",
            "Quiet.Harbor.Part.2.2019.1080p.BluRay.x264-GRP, Quiet Harbor Part 2, 2019",
            "Paper.Moon.Riders.13.2019.1080p.BluRay.x264-GRP, Paper Moon Riders 13, 2019"
        })
        void shouldNotStopBeforeAYearOrNumberThatBelongsToTheTitle(String name, String title, int year) {
            ParsedRelease r = parser.parse(name);
            assertThat(r.title()).isEqualTo(title);
            assertThat(r.year()).isEqualTo(year);
        }

        @Test
        void shouldNotLeaveATitleThatIsOnlyAnArticle() {
            assertThat(parser.parse("The.Final.Cut.2019.1080p.BluRay.x264-GRP").title())
                    .isEqualTo("The Final Cut");
            assertThat(parser.parse("The.Complete.2019.720p.WEB.h264-GRP").title())
                    .isEqualTo("The Complete");
            assertThat(parser.parse("Quiet.Harbor.Directors.Cut.2019.1080p.BluRay.x264-GRP")
                            .title())
                    .isEqualTo("Quiet Harbor");
        }

        @Test
        void shouldReadAPartBeforeTechnicalWordsOfANameWithoutYearAsAnEpisode() {
            ParsedRelease r = parser.parse("Lantern.Keepers.Part.2.HDTV.x264-GRP");
            assertThat(r.title()).isEqualTo("Lantern Keepers");
            assertThat(r.episodes()).containsExactly(2);
            assertThat(r.type()).isEqualTo(ReleaseType.EPISODE);
        }

        @Test
        void shouldTakeTheEventAfterTheDateOfASportsBroadcastAsTheTitle() {
            ParsedRelease r = parser.parse("NHL.2023.04.01.Harbor.Seals.vs.Iron.Owls.720p.WEB.h264-GRP");
            assertThat(r.title()).isEqualTo("Harbor Seals vs Iron Owls");
            assertThat(r.date()).isEqualTo(LocalDate.of(2023, 4, 1));
            assertThat(r.category()).isEqualTo(Category.SPORT);
        }
    }
}
