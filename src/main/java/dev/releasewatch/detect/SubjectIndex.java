package dev.releasewatch.detect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.releasewatch.avro.Scope;

/**
 * The set of subjects the engine knows, kept in the store because a {@link SubjectStore} cannot be listed: it is what
 * makes zero-filling possible and a silent subject visible. Sorted, so the engine's output order is deterministic.
 */
final class SubjectIndex {

    private static final String KEY = "index";
    /**
     * Written in place of the entry count's first int since version 2, followed by the count: a version-1 index
     * (no version) starts with the count itself, never negative, so it is still read.
     */
    static final int VERSION_2 = -2;
    /**
     * The stable one-digit code of each scope in the store keys, in the order their keys sort. It is what version 1
     * wrote (the enum's ordinals then), frozen here so that adding or moving a constant cannot change what a stored
     * key means.
     */
    private static final List<Scope> SCOPE_CODES = List.of(Scope.CATEGORY, Scope.GROUP, Scope.TOTAL);

    private final Set<String> keys;
    private boolean changed;

    private SubjectIndex(Set<String> keys) {
        this.keys = keys;
    }

    static SubjectIndex load(SubjectStore store) {
        byte[] bytes = store.get(KEY);
        Set<String> keys = new TreeSet<>();
        if (bytes != null) {
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
        }
        return new SubjectIndex(keys);
    }

    /** The store key of a subject's state, also its entry in the index. */
    static String keyOf(Scope scope, String subject) {
        int code = SCOPE_CODES.indexOf(scope);
        if (code < 0) {
            throw new IllegalArgumentException("scope " + scope + " has no store code; add it to SCOPE_CODES");
        }
        return code + "/" + subject;
    }

    static Scope scopeOf(String key) {
        return SCOPE_CODES.get(key.charAt(0) - '0');
    }

    static String subjectOf(String key) {
        return key.substring(2);
    }

    Set<String> keys() {
        return keys;
    }

    void add(String key) {
        changed |= keys.add(key);
    }

    void remove(String key) {
        changed |= keys.remove(key);
    }

    void saveIfChanged(SubjectStore store) {
        if (!changed) {
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION_2);
            out.writeInt(keys.size());
            for (String k : keys) {
                out.writeUTF(k);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store.put(KEY, bytes.toByteArray());
        changed = false;
    }
}
