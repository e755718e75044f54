package dev.releasewatch.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.releasewatch.detect.SubjectStore;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** The detector's state kept in a changelogged Kafka Streams store, so it is exactly-once and survives a crash. */
final class StateStoreSubjectStore implements SubjectStore {

    private final KeyValueStore<String, byte[]> store;
    private final StringSerializer keySerializer = new StringSerializer();

    StateStoreSubjectStore(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    @Override
    public byte[] get(String key) {
        return store.get(key);
    }

    @Override
    public void put(String key, byte[] value) {
        store.put(key, value);
    }

    @Override
    public void delete(String key) {
        store.delete(key);
    }

    @Override
    public List<Map.Entry<String, byte[]>> prefixScan(String prefix) {
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(prefix, keySerializer)) {
            return drain(it);
        }
    }

    @Override
    public List<Map.Entry<String, byte[]>> range(String from, String to) {
        try (KeyValueIterator<String, byte[]> it = store.range(from, to)) {
            return drain(it);
        }
    }

    /** Read to the end before the caller writes: a store iterator must not see the writes made while it is open. */
    private static List<Map.Entry<String, byte[]>> drain(KeyValueIterator<String, byte[]> it) {
        List<Map.Entry<String, byte[]>> out = new ArrayList<>();
        while (it.hasNext()) {
            KeyValue<String, byte[]> kv = it.next();
            out.add(Map.entry(kv.key, kv.value));
        }
        return out;
    }
}
