package dev.releasewatch.topology.dedup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The de-duplication store's entry of the previous format (up to release d95f1ce and the builds after it that still
 * kept one store entry per release, keyed by the lower-cased name): read when a changelog of that format is restored,
 * and converted to chunks ({@link SeenMemory#restore}). Still writable, for the tests that build such changelogs.
 *
 * @param time     event time the release was counted at, epoch millis
 * @param category category it was counted in
 * @param group    group it was counted for
 * @param source   the source that announced it first
 */
record SeenRelease(long time, String category, String group, String source) {

    /** The current layout's version; version 1 is the layout without a version byte. */
    static final int VERSION = 2;

    private static final byte VERSION_BYTE = (byte) (0x80 | VERSION);

    /** Compact binary serde for the state store (internal state, not a public contract). */
    static Serde<SeenRelease> serde() {
        Serializer<SeenRelease> ser = (topic, v) -> v == null ? null : v.toBytes();
        Deserializer<SeenRelease> de = (topic, b) -> b == null ? null : fromBytes(b);
        return Serdes.serdeFrom(ser, de);
    }

    /**
     * Layout (version 2): a version byte {@code 0x80 | 2}, then time (8 bytes), then category, group and source,
     * each as a 2-byte length and UTF-8 bytes. Version 1 had no version byte; its first byte, the top of a positive
     * epoch-millis time, never has the high bit set, which is how an entry of version 1 is told apart and still
     * read. Hand-rolled rather than {@code DataOutputStream.writeUTF}, whose decoding showed up as the top cost of
     * the counting task in a profile.
     */
    byte[] toBytes() {
        byte[] c = category.getBytes(StandardCharsets.UTF_8);
        byte[] g = group.getBytes(StandardCharsets.UTF_8);
        byte[] s = source.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(1 + 8 + 6 + c.length + g.length + s.length);
        buffer.put(VERSION_BYTE);
        buffer.putLong(time);
        for (byte[] part : new byte[][] {c, g, s}) {
            buffer.putShort((short) Math.min(part.length, 0xFFFF));
            buffer.put(part, 0, Math.min(part.length, 0xFFFF));
        }
        return buffer.array();
    }

    static SeenRelease fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if ((bytes[0] & 0x80) != 0) {
            int version = bytes[0] & 0x7F;
            if (version != VERSION) {
                throw new IllegalStateException("unknown de-duplication entry version " + version
                        + " (this release reads 1.." + VERSION + "; was it written by a newer release?)");
            }
            buffer.get();
        }
        long time = buffer.getLong();
        String[] parts = new String[3];
        for (int i = 0; i < 3; i++) {
            int len = buffer.getShort() & 0xFFFF;
            parts[i] = new String(bytes, buffer.position(), len, StandardCharsets.UTF_8);
            buffer.position(buffer.position() + len);
        }
        return new SeenRelease(time, parts[0], parts[1], parts[2]);
    }
}
