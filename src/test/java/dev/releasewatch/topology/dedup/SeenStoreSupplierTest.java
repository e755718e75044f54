package dev.releasewatch.topology.dedup;

import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The store counts remembered releases, not its keys (the chunks), also through the view interactive queries read. */
class SeenStoreSupplierTest {

    @Test
    void shouldCountTheEntriesOfItsChunks() {
        KeyValueStore<Bytes, byte[]> store = SeenStoreSupplier.inMemory("seen").get();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        SeenMemory memory = new SeenMemory(SeenStore.of(store));
        for (int i = 0; i < 100; i++) {
            memory.remember(ReleaseKeys.release("Release." + i), ReleaseKeys.RELEASE, i, "C", "G", "s");
        }
        store.put(Bytes.wrap(new byte[] {'o', 'l', 'd'}), new SeenRelease(1, "C", "G", "s").toBytes());

        assertThat(store.approximateNumEntries()).isEqualTo(101);
        assertThat(store.readOnly(IsolationLevel.READ_COMMITTED).approximateNumEntries())
                .isEqualTo(101);
        store.close();
    }
}
