package dev.releasewatch.detect;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import dev.releasewatch.avro.Scope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subject index carries a version and still reads the previous release's index (no version), and the store
 * keys keep their scope codes whatever the enum's order.
 */
class SubjectIndexTest {

    @Test
    void shouldReadAnIndexWrittenByThePreviousReleaseAndWriteTheVersion() throws IOException {
        // the previous release's layout: the count, then each key
        ByteArrayOutputStream v1 = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(v1)) {
            out.writeInt(2);
            out.writeUTF("0/GAMES");
            out.writeUTF("2/*");
        }
        InMemorySubjectStore store = new InMemorySubjectStore();
        store.put("index", v1.toByteArray());

        SubjectIndex index = SubjectIndex.load(store);
        assertThat(index.keys()).containsExactly("0/GAMES", "2/*");
        assertThat(index.keys()).extracting(SubjectIndex::scopeOf).containsExactly(Scope.CATEGORY, Scope.TOTAL);

        index.add("1/RAZOR");
        index.saveIfChanged(store);
        assertThat(store.get("index")).startsWith(0xFF, 0xFF, 0xFF, 0xFE);
        assertThat(SubjectIndex.load(store).keys()).containsExactly("0/GAMES", "1/RAZOR", "2/*");
    }

    @Test
    void shouldKeepTheStoreCodesOfTheScopes() {
        assertThat(SubjectIndex.keyOf(Scope.CATEGORY, "GAMES")).isEqualTo("0/GAMES");
        assertThat(SubjectIndex.keyOf(Scope.GROUP, "RAZOR")).isEqualTo("1/RAZOR");
        assertThat(SubjectIndex.keyOf(Scope.TOTAL, "*")).isEqualTo("2/*");
    }
}
