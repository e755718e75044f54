package dev.releasewatch.topology;

import dev.releasewatch.detect.SubjectStore;
import org.apache.kafka.streams.state.KeyValueStore;

/** The detector's state kept in a changelogged Kafka Streams store, so it is exactly-once and survives a crash. */
final class StateStoreSubjectStore implements SubjectStore {

    private final KeyValueStore<String, byte[]> store;

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
}
