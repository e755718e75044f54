package dev.releasewatch.detect;

import java.util.Arrays;

/**
 * Writes the detector state's binary form into a growing byte array, in exactly the layout of
 * {@link java.io.DataOutputStream} (big-endian numbers, modified UTF-8 strings with a two-byte length), so states
 * written before it read the same. It exists for speed: a state is written every window it changes in, and the stream
 * pair's per-byte synchronised calls were a tenth of the detecting task's time in a backfill.
 */
final class StateBytesWriter {

    private byte[] buf;
    private int size;

    StateBytesWriter(int capacity) {
        this.buf = new byte[Math.max(16, capacity)];
    }

    void writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    void writeBoolean(boolean b) {
        writeByte(b ? 1 : 0);
    }

    void writeInt(int v) {
        ensure(4);
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    void writeLong(long v) {
        writeInt((int) (v >>> 32));
        writeInt((int) v);
    }

    void writeFloat(float f) {
        writeInt(Float.floatToIntBits(f));
    }

    void writeDouble(double d) {
        writeLong(Double.doubleToLongBits(d));
    }

    /** Zig-zag variable-length encoding: small magnitudes of either sign take one byte. */
    void writeVarLong(long value) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & ~0x7FL) != 0) {
            writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        writeByte((int) v);
    }

    /** A string as {@link java.io.DataOutput#writeUTF}: its modified UTF-8 length in two bytes, then the bytes. */
    void writeUtf(String s) {
        int n = s.length();
        int encoded = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            encoded += c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
        }
        if (encoded > 0xFFFF) {
            throw new IllegalArgumentException(
                    "a string of " + encoded + " bytes in the detector state (at most 65535)");
        }
        ensure(2 + encoded);
        buf[size++] = (byte) (encoded >>> 8);
        buf[size++] = (byte) encoded;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x0001 && c <= 0x007F) {
                buf[size++] = (byte) c;
            } else if (c <= 0x07FF) {
                buf[size++] = (byte) (0xC0 | (c >> 6));
                buf[size++] = (byte) (0x80 | (c & 0x3F));
            } else {
                buf[size++] = (byte) (0xE0 | (c >> 12));
                buf[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[size++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
