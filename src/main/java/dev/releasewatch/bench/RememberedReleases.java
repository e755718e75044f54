package dev.releasewatch.bench;

import dev.releasewatch.topology.ReleaseWatchTopology;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The number of releases the de-duplication store of a running monitor remembers, over all its local tasks: the
 * releases of the de-dup window, not of the whole feed (older ones have expired), which is what heap bytes per
 * remembered release must be divided by.
 *
 * @param count the store's entries; negative when the store could not be queried (another store layout, or a
 *     rebalance in progress)
 */
public record RememberedReleases(long count) {

    /** Queries the running {@code streams}. */
    public static RememberedReleases in(KafkaStreams streams) {
        try {
            ReadOnlyKeyValueStore<Object, Object> store = streams.store(StoreQueryParameters.fromNameAndType(
                    ReleaseWatchTopology.SEEN_STORE, QueryableStoreTypes.keyValueStore()));
            return new RememberedReleases(store.approximateNumEntries());
        } catch (InvalidStateStoreException e) {
            return new RememberedReleases(-1);
        }
    }

    /** Whether the count is known. */
    public boolean known() {
        return count >= 0;
    }
}
