package dev.releasewatch.detect;

/**
 * Reads what {@link StateBytesWriter} (or, before it, a {@link java.io.DataOutputStream}) wrote: big-endian numbers and
 * modified UTF-8 strings, from a byte array without a stream in between. A state cut short is an
 * {@link IllegalStateException} naming where, as a truncated stream's {@code EOFException} was.
 */
final class StateBytesReader {

    private final byte[] data;
    private int pos;

    StateBytesReader(byte[] data) {
        this.data = data;
    }

    int readUnsignedByte() {
        if (pos >= data.length) {
            throw new IllegalStateException("detector state ends early (" + data.length + " bytes)");
        }
        return data[pos++] & 0xFF;
    }

    byte readByte() {
        return (byte) readUnsignedByte();
    }

    boolean readBoolean() {
        return readUnsignedByte() != 0;
    }

    int readInt() {
        return (readUnsignedByte() << 24) | (readUnsignedByte() << 16) | (readUnsignedByte() << 8) | readUnsignedByte();
    }

    long readLong() {
        long high = readInt() & 0xFFFFFFFFL;
        return (high << 32) | (readInt() & 0xFFFFFFFFL);
    }

    float readFloat() {
        return Float.intBitsToFloat(readInt());
    }

    double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    long readVarLong() {
        long v = 0;
        int shift = 0;
        while (true) {
            int b = readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
        }
        return (v >>> 1) ^ -(v & 1);
    }

    /** A string as {@link java.io.DataInput#readUTF} reads it. */
    String readUtf() {
        int length = (readUnsignedByte() << 8) | readUnsignedByte();
        int end = pos + length;
        if (end > data.length) {
            throw new IllegalStateException("detector state ends inside a string (" + data.length + " bytes)");
        }
        char[] chars = new char[length];
        int n = 0;
        while (pos < end) {
            int a = data[pos++] & 0xFF;
            if (a < 0x80) {
                chars[n++] = (char) a;
            } else if ((a & 0xE0) == 0xC0) {
                chars[n++] = (char) (((a & 0x1F) << 6) | continuation(end));
            } else if ((a & 0xF0) == 0xE0) {
                int b = continuation(end);
                chars[n++] = (char) (((a & 0x0F) << 12) | (b << 6) | continuation(end));
            } else {
                throw new IllegalStateException("malformed string in the detector state at byte " + (pos - 1));
            }
        }
        return new String(chars, 0, n);
    }

    private int continuation(int end) {
        if (pos >= end || (data[pos] & 0xC0) != 0x80) {
            throw new IllegalStateException("malformed string in the detector state at byte " + pos);
        }
        return data[pos++] & 0x3F;
    }
}
