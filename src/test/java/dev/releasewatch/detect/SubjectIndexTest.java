package dev.releasewatch.detect;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;

import dev.releasewatch.avro.Scope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The single-key subject index of the previous releases (both of its versions) is replaced by the subjects' own state
 * keys the first time an engine opens the store, and the store keys keep their scope codes whatever the enum's order.
 */
class SubjectIndexTest {

    @Test
    void shouldReplaceAnIndexWrittenByThePreviousReleasesByTheStateKeys() throws IOException {
        for (boolean versioned : new boolean[] {false, true}) {
            // the first release's layout: the count, then each key; the second's: the version marker first
            ByteArrayOutputStream old = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(old)) {
                if (versioned) {
                    out.writeInt(SubjectIndex.VERSION_2);
                }
                out.writeInt(3);
                out.writeUTF("0/GAMES");
                out.writeUTF("1/RAZOR");
                out.writeUTF("2/*");
            }
            InMemorySubjectStore store = new InMemorySubjectStore();
            store.put("index", old.toByteArray());
            SubjectStates states = new SubjectStates(store, DetectorSettings.defaults());
            SubjectState games = states.create("0/GAMES");
            games.appendDay(18_500, 17, (byte) 0);
            states.save("0/GAMES", games);

            SubjectIndex.migrate(states, new GroupSchedule(store, DetectorSettings.defaults(), false));

            assertThat(store.get("index")).isNull();
            assertThat(states.loadScope(Scope.CATEGORY).keySet()).containsExactly("0/GAMES");
            assertThat(states.loadScope(Scope.CATEGORY).get("0/GAMES").days[0])
                    .as("a stored state is kept")
                    .isEqualTo(17);
            assertThat(states.loadScope(Scope.GROUP).keySet())
                    .as("listed without a state: given an empty one")
                    .containsExactly("1/RAZOR");
            assertThat(store.prefixScan("due/"))
                    .as("the group is due at the next day close")
                    .singleElement()
                    .satisfies(e -> assertThat(e.getKey()).endsWith("/RAZOR"));
            Map<String, SubjectState> total = states.loadScope(Scope.TOTAL);
            assertThat(total.keySet()).containsExactly("2/*");
            assertThat(total.get("2/*").dayCount).isZero();
        }
    }

    @Test
    void shouldKeepTheStoreCodesOfTheScopes() {
        assertThat(SubjectKeys.keyOf(Scope.CATEGORY, "GAMES")).isEqualTo("0/GAMES");
        assertThat(SubjectKeys.keyOf(Scope.GROUP, "RAZOR")).isEqualTo("1/RAZOR");
        assertThat(SubjectKeys.keyOf(Scope.TOTAL, "*")).isEqualTo("2/*");
        assertThat(SubjectKeys.scopeOf("1/RAZOR")).isEqualTo(Scope.GROUP);
        assertThat(SubjectKeys.stateKey("1/RAZOR")).isEqualTo("s/1/RAZOR");
    }
}
