package dev.releasewatch.topology.dedup;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The categories, groups and sources of the remembered releases, each held once and referred to by a small id, with a
 * count of the entries that use it: a name no entry uses any more is dropped and its id reused, so the table stays as
 * large as the names of the releases remembered, however many names producers invent over time.
 */
final class NameTable {

    private final Map<String, Integer> ids = new HashMap<>();
    private String[] names = new String[64];
    private byte[][] utf8 = new byte[64][];
    private int[] refs = new int[64];
    private int[] free = new int[16];
    private int freeCount;
    private int next;

    /** The id of {@code name}, with one more reference. */
    int acquire(String name) {
        Integer known = ids.get(name);
        if (known != null) {
            refs[known]++;
            return known;
        }
        int id = freeCount > 0 ? free[--freeCount] : next++;
        if (id == names.length) {
            int size = names.length * 2;
            names = Arrays.copyOf(names, size);
            utf8 = Arrays.copyOf(utf8, size);
            refs = Arrays.copyOf(refs, size);
        }
        names[id] = name;
        refs[id] = 1;
        ids.put(name, id);
        return id;
    }

    /** Takes back one reference to {@code id}; the name goes when none is left. */
    void release(int id) {
        if (--refs[id] > 0) {
            return;
        }
        ids.remove(names[id]);
        names[id] = null;
        utf8[id] = null;
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, free.length * 2);
        }
        free[freeCount++] = id;
    }

    String name(int id) {
        return names[id];
    }

    /** The name's UTF-8 bytes, for the chunks (encoded once per name). */
    byte[] utf8(int id) {
        byte[] bytes = utf8[id];
        if (bytes == null) {
            bytes = names[id].getBytes(StandardCharsets.UTF_8);
            utf8[id] = bytes;
        }
        return bytes;
    }

    /** Names in use. */
    int size() {
        return ids.size();
    }
}
