package dev.releasewatch.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.AlertState;
import dev.releasewatch.avro.WindowCount;
import dev.releasewatch.kafka.HistoryStores;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.query.WindowKeyQuery;
import org.apache.kafka.streams.query.WindowRangeQuery;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Reads this instance's history stores ({@link HistoryStores}) with interactive queries v2: a key's windows in
 * the partition that holds it, or everything in the partitions whose active task runs here. Only active tasks
 * answer (a standby may lag behind); a partition that fails to answer makes the whole read fail, so an answer is
 * never silently partial.
 */
final class HistoryQueries {

    /** What a read over every local partition found, and which partitions answered. */
    record Local<T>(List<T> items, Set<Integer> partitions) {}

    private final Supplier<KafkaStreams> streams;

    HistoryQueries(Supplier<KafkaStreams> streams) {
        this.streams = streams;
    }

    /** The windows of series {@code key} in {@code store}, partition {@code partition}, starting in [from, to). */
    List<WindowCount> counts(String store, String key, int partition, Instant from, Instant to)
            throws NotReadyException {
        Instant last = to.minusMillis(1);
        List<WindowCount> out = new ArrayList<>();
        if (last.isBefore(from)) {
            return out;
        }
        StateQueryRequest<WindowStoreIterator<WindowCount>> request = StateQueryRequest.inStore(store)
                .withQuery(WindowKeyQuery.<String, WindowCount>withKeyAndWindowStartRange(key, from, last))
                .withPartitions(Set.of(partition))
                .requireActive();
        QueryResult<WindowStoreIterator<WindowCount>> result =
                answered(store, run(request).getPartitionResults()).get(partition);
        if (result == null) {
            throw new NotReadyException(store + " partition " + partition + " is not active on this instance");
        }
        try (WindowStoreIterator<WindowCount> it = result.getResult()) {
            while (it.hasNext()) {
                out.add(it.next().value);
            }
        }
        return out;
    }

    /** Every series key (counts-topic key) in the local partitions of the subjects store. */
    Local<String> seriesKeys() throws NotReadyException {
        StateQueryRequest<KeyValueIterator<String, Long>> request = StateQueryRequest.inStore(HistoryStores.SUBJECTS)
                .withQuery(RangeQuery.<String, Long>withNoBounds())
                .requireActive();
        Map<Integer, QueryResult<KeyValueIterator<String, Long>>> results =
                answered(HistoryStores.SUBJECTS, run(request).getPartitionResults());
        List<String> keys = new ArrayList<>();
        for (QueryResult<KeyValueIterator<String, Long>> r : results.values()) {
            try (KeyValueIterator<String, Long> it = r.getResult()) {
                it.forEachRemaining(kv -> keys.add(kv.key));
            }
        }
        return new Local<>(keys, new TreeSet<>(results.keySet()));
    }

    /** The alert state changes detected in [from, to) in the local partitions. */
    Local<Alert> alerts(Instant from, Instant to) throws NotReadyException {
        Instant last = to.minusMillis(1);
        if (last.isBefore(from)) {
            return new Local<>(List.of(), Set.of());
        }
        StateQueryRequest<KeyValueIterator<Windowed<String>, Alert>> request = StateQueryRequest.inStore(
                        HistoryStores.ALERTS)
                .withQuery(WindowRangeQuery.<String, Alert>withWindowStartRange(from, last))
                .requireActive();
        Map<Integer, QueryResult<KeyValueIterator<Windowed<String>, Alert>>> results =
                answered(HistoryStores.ALERTS, run(request).getPartitionResults());
        List<Alert> alerts = new ArrayList<>();
        for (QueryResult<KeyValueIterator<Windowed<String>, Alert>> r : results.values()) {
            try (KeyValueIterator<Windowed<String>, Alert> it = r.getResult()) {
                it.forEachRemaining(kv -> alerts.add(kv.value));
            }
        }
        return new Local<>(alerts, new TreeSet<>(results.keySet()));
    }

    /** The open incidents of the local partitions, each with the time it first fired. */
    Local<KeyValue<Alert, Instant>> openIncidents() throws NotReadyException {
        StateQueryRequest<KeyValueIterator<String, Alert>> request = StateQueryRequest.inStore(
                        HistoryStores.OPEN_INCIDENTS)
                .withQuery(RangeQuery.<String, Alert>withNoBounds())
                .requireActive();
        Map<Integer, QueryResult<KeyValueIterator<String, Alert>>> results =
                answered(HistoryStores.OPEN_INCIDENTS, run(request).getPartitionResults());
        List<KeyValue<Alert, Instant>> open = new ArrayList<>();
        for (var partition : results.entrySet()) {
            List<Alert> latest = new ArrayList<>();
            try (KeyValueIterator<String, Alert> it = partition.getValue().getResult()) {
                it.forEachRemaining(kv -> latest.add(kv.value));
            }
            for (Alert a : latest) {
                open.add(KeyValue.pair(a, firingAt(a, partition.getKey())));
            }
        }
        return new Local<>(open, new TreeSet<>(results.keySet()));
    }

    /**
     * When the incident of {@code latest} first fired: its earliest FIRING in the alert history (same key, so same
     * partition); the latest's own detection time when the history no longer holds the first one.
     */
    private Instant firingAt(Alert latest, int partition) throws NotReadyException {
        StateQueryRequest<WindowStoreIterator<Alert>> request = StateQueryRequest.inStore(HistoryStores.ALERTS)
                .withQuery(WindowKeyQuery.<String, Alert>withKeyAndWindowStartRange(
                        latest.getAlertId(), Instant.EPOCH, latest.getDetectedAt()))
                .withPartitions(Set.of(partition))
                .requireActive();
        QueryResult<WindowStoreIterator<Alert>> result = answered(
                        HistoryStores.ALERTS, run(request).getPartitionResults())
                .get(partition);
        if (result != null) {
            try (WindowStoreIterator<Alert> it = result.getResult()) {
                while (it.hasNext()) {
                    Alert a = it.next().value;
                    if (a.getState() == AlertState.FIRING) {
                        return a.getDetectedAt();
                    }
                }
            }
        }
        return latest.getDetectedAt();
    }

    private <R> StateQueryResult<R> run(StateQueryRequest<R> request) throws NotReadyException {
        KafkaStreams s = streams.get();
        if (s == null || !s.state().isRunningOrRebalancing()) {
            throw new NotReadyException("Kafka Streams is not running on this instance");
        }
        try {
            return s.query(request);
        } catch (RuntimeException e) {
            throw new NotReadyException("interactive query failed: " + e.getMessage());
        }
    }

    private static <R> Map<Integer, QueryResult<R>> answered(String store, Map<Integer, QueryResult<R>> results)
            throws NotReadyException {
        for (var e : results.entrySet()) {
            if (e.getValue().isFailure()) {
                throw new NotReadyException(store + " partition " + e.getKey() + " cannot answer: "
                        + e.getValue().getFailureReason() + " " + e.getValue().getFailureMessage());
            }
        }
        return results;
    }
}
