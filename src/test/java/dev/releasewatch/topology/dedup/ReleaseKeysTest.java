package dev.releasewatch.topology.dedup;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReleaseKeysTest {

    @Test
    void shouldNeverChangeAsTheKeysAreStored() {
        assertThat(ReleaseKeys.release("Some.Movie.2020.1080p.BluRay.x264-SPARKS"))
                .isEqualTo(-4901227646209992298L);
        assertThat(ReleaseKeys.release("a")).isEqualTo(330454957701591474L);
        assertThat(ReleaseKeys.of(ReleaseKeys.NUKE, "x")).isEqualTo(73134405721955291L);
    }

    @Test
    void shouldIgnoreCaseAsTheLowerCasedNameDid() {
        String name = "Ölympia.Über.ΣΟΦΙΑ.2020.German.DL-GRP";
        long key = ReleaseKeys.release(name);
        assertThat(ReleaseKeys.release(name.toLowerCase(Locale.ROOT))).isEqualTo(key);
        assertThat(ReleaseKeys.release(name.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT)))
                .isEqualTo(key);
        assertThat(ReleaseKeys.ofPrefixed(name.toLowerCase(Locale.ROOT))).isEqualTo(key);
        assertThat(ReleaseKeys.release("Some.Movie-GRP")).isEqualTo(ReleaseKeys.release("sOME.mOVIE-grp"));
        assertThat(ReleaseKeys.release("\u212Aelvin.Release-GRP"))
                .as("the Kelvin sign lower-cases to an ASCII k")
                .isEqualTo(ReleaseKeys.release("kelvin.release-grp"));
        assertThat(ReleaseKeys.ofPrefixed("\u0001nuke:some.movie-grp"))
                .isEqualTo(ReleaseKeys.of(ReleaseKeys.NUKE, "Some.Movie-GRP"));
        assertThat(ReleaseKeys.ofPrefixed("\u0001unnuke:some.movie-grp"))
                .isEqualTo(ReleaseKeys.of(ReleaseKeys.UNNUKE, "Some.Movie-GRP"));
    }

    @Test
    void shouldTellKindsAndNearlyEqualNamesApart() {
        Set<Long> keys = new HashSet<>();
        for (int kind = 0; kind < 3; kind++) {
            keys.add(ReleaseKeys.of(kind, "Some.Movie-GRP"));
        }
        for (String name : new String[] {"", "a", "b", "ab", "ba", "abcd", "abcde", "abcd\u0000", "Some.Movie-GRq"}) {
            keys.add(ReleaseKeys.release(name));
        }
        for (int i = 0; i < 100_000; i++) {
            keys.add(ReleaseKeys.release("Release." + i + ".2020.1080p-GRP"));
        }
        assertThat(keys).hasSize(3 + 9 + 100_000);
    }
}
