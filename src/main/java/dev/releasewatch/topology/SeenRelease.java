package dev.releasewatch.topology;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What the de-duplication store remembers of a counted release: enough to recognise a repeat and to
 * rebuild the open windows' counts after a restart.
 *
 * @param time     event time the release was counted at, epoch millis
 * @param category category it was counted in
 * @param group    group it was counted for
 * @param source   the source that announced it first
 */
record SeenRelease(long time, String category, String group, String source) {

    /** Compact binary serde for the state store (internal state, not a public contract). */
    static Serde<SeenRelease> serde() {
        Serializer<SeenRelease> ser = (topic, v) -> v == null ? null : v.toBytes();
        Deserializer<SeenRelease> de = (topic, b) -> b == null ? null : fromBytes(b);
        return org.apache.kafka.common.serialization.Serdes.serdeFrom(ser, de);
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + category.length() + group.length() + source.length());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(time);
            out.writeUTF(category);
            out.writeUTF(group);
            out.writeUTF(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static SeenRelease fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return new SeenRelease(in.readLong(), in.readUTF(), in.readUTF(), in.readUTF());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
