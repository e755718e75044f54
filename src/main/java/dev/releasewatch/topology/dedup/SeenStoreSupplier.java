package dev.releasewatch.topology.dedup;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The in-memory store of {@link SeenMemory}'s chunks, whose {@link KeyValueStore#approximateNumEntries()} counts the
 * releases remembered (the entries of its chunks, read from their headers) rather than its keys, the chunks: that is
 * the figure operators and {@code bench} (heap bytes per remembered release) ask the store {@code seen} for. Everything
 * else is the in-memory store of Kafka Streams.
 */
public final class SeenStoreSupplier implements KeyValueBytesStoreSupplier {

    private final KeyValueBytesStoreSupplier inMemory;

    private SeenStoreSupplier(String name) {
        this.inMemory = Stores.inMemoryKeyValueStore(name);
    }

    /** The supplier of the store named {@code name}. */
    public static SeenStoreSupplier inMemory(String name) {
        return new SeenStoreSupplier(name);
    }

    @Override
    public String name() {
        return inMemory.name();
    }

    @Override
    public KeyValueStore<Bytes, byte[]> get() {
        return new CountingEntries(inMemory.get());
    }

    @Override
    public String metricsScope() {
        return inMemory.metricsScope();
    }

    /** Reads every chunk's header: called by monitoring, never on the per-record path. */
    private static long entries(ReadOnlyKeyValueStore<Bytes, byte[]> store) {
        long entries = 0;
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                byte[] key = kv.key.get();
                entries += key.length > 0 && key[0] == 0 && kv.value != null ? ChunkWriter.entries(kv.value) : 1;
            }
        }
        return entries;
    }

    /** A read-only view that counts the entries of the chunks. */
    private static final class CountingView implements ReadOnlyKeyValueStore<Bytes, byte[]> {

        private final ReadOnlyKeyValueStore<Bytes, byte[]> view;

        CountingView(ReadOnlyKeyValueStore<Bytes, byte[]> view) {
            this.view = view;
        }

        @Override
        public long approximateNumEntries() {
            return entries(view);
        }

        @Override
        public byte[] get(Bytes key) {
            return view.get(key);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
            return view.range(from, to);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
            return view.reverseRange(from, to);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> all() {
            return view.all();
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseAll() {
            return view.reverseAll();
        }

        @Override
        public <P extends Serializer<Q>, Q> KeyValueIterator<Bytes, byte[]> prefixScan(Q prefix, P serializer) {
            return view.prefixScan(prefix, serializer);
        }

        @Override
        public ReadOnlyKeyValueStore<Bytes, byte[]> readOnly(IsolationLevel isolationLevel) {
            return new CountingView(view.readOnly(isolationLevel));
        }
    }

    /** Counts the entries of the chunks; delegates everything else (including the default methods) to the store. */
    private static final class CountingEntries implements KeyValueStore<Bytes, byte[]> {

        private final KeyValueStore<Bytes, byte[]> store;

        CountingEntries(KeyValueStore<Bytes, byte[]> store) {
            this.store = store;
        }

        @Override
        public long approximateNumEntries() {
            return entries(store);
        }

        @Override
        public void put(Bytes key, byte[] value) {
            store.put(key, value);
        }

        @Override
        public byte[] putIfAbsent(Bytes key, byte[] value) {
            return store.putIfAbsent(key, value);
        }

        @Override
        public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
            store.putAll(entries);
        }

        @Override
        public byte[] delete(Bytes key) {
            return store.delete(key);
        }

        @Override
        public byte[] get(Bytes key) {
            return store.get(key);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
            return store.range(from, to);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
            return store.reverseRange(from, to);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> all() {
            return store.all();
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseAll() {
            return store.reverseAll();
        }

        @Override
        public <P extends Serializer<Q>, Q> KeyValueIterator<Bytes, byte[]> prefixScan(Q prefix, P serializer) {
            return store.prefixScan(prefix, serializer);
        }

        /** The view interactive queries read (read-committed), counting entries as well. */
        @Override
        public ReadOnlyKeyValueStore<Bytes, byte[]> readOnly(IsolationLevel isolationLevel) {
            return new CountingView(store.readOnly(isolationLevel));
        }

        @Override
        public String name() {
            return store.name();
        }

        @Override
        public void init(StateStoreContext context, StateStore root) {
            store.init(context, root);
        }

        @Override
        @SuppressWarnings("deprecation")
        public void flush() {
            store.flush();
        }

        @Override
        public void commit(Map<TopicPartition, Long> changelogOffsets) {
            store.commit(changelogOffsets);
        }

        @Override
        public Long committedOffset(TopicPartition partition) {
            return store.committedOffset(partition);
        }

        @Override
        public void close() {
            store.close();
        }

        @Override
        public boolean persistent() {
            return store.persistent();
        }

        @Override
        @SuppressWarnings("deprecation")
        public boolean managesOffsets() {
            return store.managesOffsets();
        }

        @Override
        public boolean isOpen() {
            return store.isOpen();
        }

        @Override
        public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
            return store.query(query, positionBound, config);
        }

        @Override
        public long approximateNumUncommittedBytes() {
            return store.approximateNumUncommittedBytes();
        }

        @Override
        public Position getPosition() {
            return store.getPosition();
        }
    }
}
