package dev.releasewatch.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A first announcement held back because its stamp is far ahead of its partition's event time: the original
 * record (to count it later, or to dead-letter it with its bytes) and the front when it arrived (where it is
 * counted if its stamp never becomes plausible). Kept in the changelogged event-time store.
 *
 * @param stamp       the announcement's own event time
 * @param arrivalFront the partition's event-time front when it arrived
 * @param timestamp   the Kafka record timestamp
 * @param topic       where it was read from
 * @param partition   partition it was read from
 * @param offset      offset it was read from
 * @param key         original key bytes (may be null)
 * @param value       original value bytes
 */
record HeldRecord(
        long stamp,
        long arrivalFront,
        long timestamp,
        String topic,
        int partition,
        long offset,
        byte[] key,
        byte[] value) {

    byte[] toBytes() {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        int keyLength = key == null ? -1 : key.length;
        ByteBuffer buffer = ByteBuffer.allocate(8 * 4 + 4 * 4 + t.length + Math.max(0, keyLength) + value.length);
        buffer.putLong(stamp)
                .putLong(arrivalFront)
                .putLong(timestamp)
                .putLong(offset)
                .putInt(partition);
        buffer.putInt(t.length).put(t);
        buffer.putInt(keyLength);
        if (key != null) {
            buffer.put(key);
        }
        buffer.putInt(value.length).put(value);
        return buffer.array();
    }

    static HeldRecord fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long stamp = buffer.getLong();
        long arrivalFront = buffer.getLong();
        long timestamp = buffer.getLong();
        long offset = buffer.getLong();
        int partition = buffer.getInt();
        byte[] t = new byte[buffer.getInt()];
        buffer.get(t);
        int keyLength = buffer.getInt();
        byte[] key = null;
        if (keyLength >= 0) {
            key = new byte[keyLength];
            buffer.get(key);
        }
        byte[] value = new byte[buffer.getInt()];
        buffer.get(value);
        return new HeldRecord(
                stamp, arrivalFront, timestamp, new String(t, StandardCharsets.UTF_8), partition, offset, key, value);
    }
}
