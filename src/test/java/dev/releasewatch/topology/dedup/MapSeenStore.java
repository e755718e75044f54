package dev.releasewatch.topology.dedup;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** A {@link SeenStore} over a sorted map, standing for the changelogged store: what it holds, a restart reads. */
final class MapSeenStore implements SeenStore {

    final Map<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);
    int puts;

    @Override
    public void put(byte[] key, byte[] value) {
        puts++;
        if (value == null) {
            entries.remove(key);
        } else {
            entries.put(key, value);
        }
    }

    @Override
    public void forEach(BiConsumer<byte[], byte[]> action) {
        entries.forEach(action);
    }

    /** Keys of chunks ({@code 0x00} + number), as numbers. */
    long[] chunks() {
        return entries.keySet().stream()
                .filter(k -> k[0] == 0)
                .mapToLong(k -> ByteBuffer.wrap(k, 1, 8).getLong())
                .toArray();
    }
}
