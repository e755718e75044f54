package dev.releasewatch.feed.name;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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
        void shouldTakeABracketedGroupAfterTheFinalHyphenEvenWhenItIsDotted() {
            assertThat(parser.parse("Quiet.Harbor.2019.720p.BluRay.x264-[GRP.XY]")
                            .group())
                    .isEqualTo("GRP.XY");
        }
    }
}
