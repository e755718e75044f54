package dev.releasewatch.topology;

import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.WindowCount;
import dev.releasewatch.kafka.HistoryStores;
import dev.releasewatch.kafka.MalformedRecordException;
import dev.releasewatch.kafka.ValueDecoder;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every final window count of the counts topic in the history store of its granularity, at its window start,
 * under the series key the detector gave it, and remembers the series in the subjects store.
 *
 * <p>A record that does not decode is logged and skipped, not fatal: the counts topic is the monitor's own output,
 * so such a record can only come from another writer, and the history is a view of the topic (which keeps it).
 */
final class CountHistoryWriter implements Processor<String, byte[], Void, Void> {

    private static final Logger LOGGER = LoggerFactory.getLogger(CountHistoryWriter.class);

    private final ValueDecoder<WindowCount> decoder;
    private final String topic;
    private WindowStore<String, WindowCount> days;
    private WindowStore<String, WindowCount> hours;
    private KeyValueStore<String, Long> subjects;

    /** Reads the counts topic {@code topic} with {@code decoder} (the topics' {@code serde.format}). */
    CountHistoryWriter(ValueDecoder<WindowCount> decoder, String topic) {
        this.decoder = decoder;
        this.topic = topic;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        days = context.getStateStore(HistoryStores.DAY_COUNTS);
        hours = context.getStateStore(HistoryStores.HOUR_COUNTS);
        subjects = context.getStateStore(HistoryStores.SUBJECTS);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        WindowCount count;
        try {
            count = decoder.decode(topic, record.value());
        } catch (MalformedRecordException e) {
            LOGGER.warn("Counts topic record {} is not a WindowCount, not kept in the history: {}", record.key(), e);
            return;
        }
        String key = HistoryStores.seriesKey(count.getScope(), count.getGranularity(), count.getSubject());
        long start = count.getWindowStart().toEpochMilli();
        (count.getGranularity() == Granularity.DAY ? days : hours).put(key, count, start);
        Long newest = subjects.get(key);
        if (newest == null || newest < start) {
            subjects.put(key, start);
        }
    }
}
