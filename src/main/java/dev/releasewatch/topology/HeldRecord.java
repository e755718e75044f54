package dev.releasewatch.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A first announcement held back because its stamp is far ahead of its partition's event time: the original
 * record (to count it later, or to dead-letter it with its bytes) and the front when it arrived (where it is
 * counted if its stamp never becomes plausible). Kept in the changelogged event-time store.
 *
 * @param stamp       the announcement's own event time
 * @param arrivalFront the partition's record front when it arrived (its arrival, in event time)
 * @param support      later first announcements (not duplicates) stamped no more than {@code max-ahead} before it:
 *                     records that agree that event time has got to its stamp
 * @param against      later first announcements stamped more than {@code max-ahead} before it: records that say its
 *                     stamp ran ahead of the partition's order
 * @param beforeFront  it arrived before the partition had a front: held while the first records settle where event
 *                     time starts, not because its stamp looked wrong (not metered as a future stamp)
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
        int support,
        int against,
        boolean beforeFront,
        long timestamp,
        String topic,
        int partition,
        long offset,
        byte[] key,
        byte[] value) {

    private static final byte VERSION = 1;

    /** This record with one more vote from a later first announcement stamped {@code t}. */
    HeldRecord vote(long t, long maxAhead) {
        boolean agrees = t >= stamp - maxAhead;
        return new HeldRecord(
                stamp,
                arrivalFront,
                support + (agrees ? 1 : 0),
                against + (agrees ? 0 : 1),
                beforeFront,
                timestamp,
                topic,
                partition,
                offset,
                key,
                value);
    }

    /** This record, arrived before the partition had a front, placed where the front was first set. */
    HeldRecord arrivedAt(long front) {
        return new HeldRecord(
                stamp, front, support, against, beforeFront, timestamp, topic, partition, offset, key, value);
    }

    /**
     * Whether the later records believe its stamp: at least {@code quorum - 1} of them agree, and more agree than
     * disagree (a fast clock on some records is outvoted by the plausible records interleaved with them).
     */
    boolean believed(int quorum) {
        return support >= quorum - 1 && (support > against || quorum == 1);
    }

    byte[] toBytes() {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        int keyLength = key == null ? -1 : key.length;
        ByteBuffer buffer = ByteBuffer.allocate(2 + 8 * 4 + 4 * 6 + t.length + Math.max(0, keyLength) + value.length);
        buffer.put(VERSION)
                .putLong(stamp)
                .putLong(arrivalFront)
                .putInt(support)
                .putInt(against)
                .put((byte) (beforeFront ? 1 : 0))
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
        byte version = buffer.get();
        if (version != VERSION) {
            throw new IllegalStateException("held record of version " + version + ", this build reads " + VERSION);
        }
        long stamp = buffer.getLong();
        long arrivalFront = buffer.getLong();
        int support = buffer.getInt();
        int against = buffer.getInt();
        boolean beforeFront = buffer.get() != 0;
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
                stamp,
                arrivalFront,
                support,
                against,
                beforeFront,
                timestamp,
                new String(t, StandardCharsets.UTF_8),
                partition,
                offset,
                key,
                value);
    }
}
