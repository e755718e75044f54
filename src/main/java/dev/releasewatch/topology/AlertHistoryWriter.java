package dev.releasewatch.topology;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.AlertState;
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
 * Keeps every alert state change of the alerts topic in the alert history (at its detection time) and the latest
 * FIRING state of each open incident, forgetting the incident when its RESOLVED arrives. An alert that does not
 * decode is logged and skipped, as in {@link CountHistoryWriter}.
 */
final class AlertHistoryWriter implements Processor<String, byte[], Void, Void> {

    private static final Logger LOGGER = LoggerFactory.getLogger(AlertHistoryWriter.class);

    private final ValueDecoder<Alert> decoder;
    private final String topic;
    private WindowStore<String, Alert> history;
    private KeyValueStore<String, Alert> open;

    /** Reads the alerts topic {@code topic} with {@code decoder} (the topics' {@code serde.format}). */
    AlertHistoryWriter(ValueDecoder<Alert> decoder, String topic) {
        this.decoder = decoder;
        this.topic = topic;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        history = context.getStateStore(HistoryStores.ALERTS);
        open = context.getStateStore(HistoryStores.OPEN_INCIDENTS);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Alert alert;
        try {
            alert = decoder.decode(topic, record.value());
        } catch (MalformedRecordException e) {
            LOGGER.warn("Alerts topic record {} is not an Alert, not kept in the history: {}", record.key(), e);
            return;
        }
        history.put(alert.getAlertId(), alert, alert.getDetectedAt().toEpochMilli());
        if (alert.getState() == AlertState.FIRING) {
            open.put(alert.getAlertId(), alert);
        } else {
            open.delete(alert.getAlertId());
        }
    }
}
