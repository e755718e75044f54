package dev.releasewatch.topology;

import java.util.List;
import java.util.Map;

import dev.releasewatch.detect.InMemorySubjectStore;
import dev.releasewatch.detect.SubjectStore;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The detector's state kept in a changelogged Kafka Streams store, so it is exactly-once and survives a crash, and
 * read from a sorted copy on the heap.
 *
 * <p>Why the copy: the engine reads every window (a scope's subjects by prefix, the due indexes by range), and a range
 * over a caching store merges the record cache with the store, copying and sorting the keys of both each time; that was
 * a third of the detecting task's time in a backfill. The store is written only through this object, and the object is
 * made afresh from the store whenever the task is (re)initialised (after a restore or an aborted transaction, Kafka
 * Streams wipes and restores the store and calls the processor's {@code init} again), so the copy always equals the
 * store. The values are shared, not copied (the engine never mutates a stored array): the copy costs its keys.
 */
final class StateStoreSubjectStore implements SubjectStore {

    private final KeyValueStore<String, byte[]> store;
    private final InMemorySubjectStore copy = new InMemorySubjectStore();

    StateStoreSubjectStore(KeyValueStore<String, byte[]> store) {
        this.store = store;
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                copy.put(kv.key, kv.value);
            }
        }
    }

    @Override
    public byte[] get(String key) {
        return copy.get(key);
    }

    @Override
    public void put(String key, byte[] value) {
        store.put(key, value);
        copy.put(key, value);
    }

    /** A null put deletes without reading the old value back, which {@code delete} does (and returns). */
    @Override
    public void delete(String key) {
        store.put(key, null);
        copy.delete(key);
    }

    @Override
    public List<Map.Entry<String, byte[]>> prefixScan(String prefix) {
        return copy.prefixScan(prefix);
    }

    @Override
    public List<Map.Entry<String, byte[]>> range(String from, String to) {
        return copy.range(from, to);
    }
}
