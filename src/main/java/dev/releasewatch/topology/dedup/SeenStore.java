package dev.releasewatch.topology.dedup;

import java.util.function.BiConsumer;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The changelogged key-value store that {@link SeenMemory} is written to and restored from, as raw bytes: in the
 * topology, the state store {@code seen} (caching enabled, so a chunk written many times between two commits costs
 * one changelog record); in tests, a map.
 */
public interface SeenStore {

    /** Writes {@code value} under {@code key}; a null value deletes the key. */
    void put(byte[] key, byte[] value);

    /** Calls {@code action} with every key and value, in the order of the keys' bytes (unsigned). */
    void forEach(BiConsumer<byte[], byte[]> action);

    /** The state store {@code store} as a {@link SeenStore}. */
    static SeenStore of(KeyValueStore<Bytes, byte[]> store) {
        return new SeenStore() {
            @Override
            public void put(byte[] key, byte[] value) {
                // a null value deletes without reading the old value back (delete() would)
                store.put(Bytes.wrap(key), value);
            }

            @Override
            public void forEach(BiConsumer<byte[], byte[]> action) {
                try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
                    while (it.hasNext()) {
                        KeyValue<Bytes, byte[]> kv = it.next();
                        action.accept(kv.key.get(), kv.value);
                    }
                }
            }
        };
    }
}
