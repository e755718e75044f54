package dev.releasewatch.detect;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import dev.releasewatch.avro.Scope;

/**
 * The subject index of the previous releases: every subject's key under the single store key {@value #KEY}. It grew
 * with the number of groups (100,000 groups made it a multi-megabyte value, beyond the broker's message limit), and is
 * no longer needed: the subjects' own state keys are listed by a prefix scan. It is read once, by {@link #migrate}, the
 * first time an engine opens a store an earlier release wrote.
 */
final class SubjectIndex {

    static final String KEY = "index";
    /**
     * Written in place of the entry count's first int since version 2, followed by the count: a version-1 index
     * (no version) starts with the count itself, never negative, so it is still read.
     */
    static final int VERSION_2 = -2;

    private SubjectIndex() {}

    /**
     * Replaces a previous release's index by the state keys it stands for: a subject listed without a state (only
     * possible for one written mid-window) gets an empty one, as the next window would have given it; each group is
     * made due the day after its newest day (see {@link GroupSchedule}); then the index is deleted.
     */
    static void migrate(SubjectStates states, GroupSchedule schedule) {
        byte[] bytes = states.store().get(KEY);
        if (bytes == null) {
            return;
        }
        for (String key : read(bytes)) {
            SubjectState s = states.load(key);
            if (s == null) {
                s = states.create(key);
            }
            if (s.scope == Scope.GROUP) {
                // judged every day until then: due the day after its newest
                schedule.dueBy(s, s.newestDay == Long.MIN_VALUE ? 0 : s.newestDay + 1);
            }
            states.save(key, s);
        }
        states.store().delete(KEY);
    }

    /** The keys of an index in either version, in the order stored (sorted). */
    static List<String> read(byte[] bytes) {
        List<String> keys = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int n = in.readInt();
            if (n == VERSION_2) {
                n = in.readInt();
            } else if (n < 0) {
                throw new IllegalStateException(
                        "unknown subject index version (marker " + n + "); was it written by a newer release?");
            }
            for (int i = 0; i < n; i++) {
                keys.add(in.readUTF());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }
}
