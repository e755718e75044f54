package dev.releasewatch.upgrade;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * One record of a topic as the upgrade fixtures keep it, one line of text: partition, timestamp (epoch ms), key,
 * value and headers, tab-separated; key and value in base64 ({@code -} for null); headers as
 * {@code name=base64value} joined by commas ({@code -} for none). Text so that a changed fixture shows in a diff as
 * the records that changed.
 *
 * @param partition the partition the record was read from
 * @param timestamp its timestamp
 * @param key       its key bytes (null for none)
 * @param value     its value bytes (null for a tombstone)
 * @param headers   its headers
 */
record FixtureRecord(int partition, long timestamp, byte[] key, byte[] value, List<Header> headers) {

    static FixtureRecord of(ConsumerRecord<byte[], byte[]> r) {
        return new FixtureRecord(
                r.partition(),
                r.timestamp(),
                r.key(),
                r.value(),
                List.of(r.headers().toArray()));
    }

    /** The record to write back into {@code topic}, in the same partition with the same timestamp. */
    ProducerRecord<byte[], byte[]> toProducerRecord(String topic) {
        return new ProducerRecord<>(topic, partition, timestamp, key, value, headers);
    }

    String toLine() {
        List<String> hs = new ArrayList<>();
        for (Header h : headers) {
            hs.add(h.key() + "=" + encode(h.value()));
        }
        return partition + "\t" + timestamp + "\t" + encode(key) + "\t" + encode(value) + "\t"
                + (hs.isEmpty() ? "-" : String.join(",", hs));
    }

    static FixtureRecord parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 5) {
            throw new IllegalArgumentException(
                    "a fixture line has 5 tab-separated fields, got " + f.length + ": " + line);
        }
        List<Header> headers = new ArrayList<>();
        if (!f[4].equals("-")) {
            for (String h : f[4].split(",")) {
                int eq = h.indexOf('=');
                headers.add(new RecordHeader(h.substring(0, eq), decode(h.substring(eq + 1))));
            }
        }
        return new FixtureRecord(Integer.parseInt(f[0]), Long.parseLong(f[1]), decode(f[2]), decode(f[3]), headers);
    }

    /** The key as text, for messages. */
    String keyText() {
        return key == null ? "null" : new String(key, StandardCharsets.UTF_8);
    }

    private static String encode(byte[] bytes) {
        return bytes == null ? "-" : Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] decode(String text) {
        return text.equals("-") ? null : Base64.getDecoder().decode(text);
    }
}
