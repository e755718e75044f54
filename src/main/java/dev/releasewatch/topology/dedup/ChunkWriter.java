package dev.releasewatch.topology.dedup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The changelog value of one chunk of remembered releases, written entry by entry: the chunk being filled gets one
 * more entry per release, and the store keeps only its latest value until the next commit.
 *
 * <p>Layout (format 1): the format byte, the number of entries (2 bytes), then per entry its kind (1 byte), key (8),
 * time (8, epoch millis) and its category, group and source, each a reference: {@code 0} followed by a new name
 * (varint length, UTF-8 bytes) or {@code k > 0}, the k-th name introduced earlier in the same chunk. Names repeat a
 * lot within a chunk (a few categories and sources, popular groups), and a chunk stands alone: it restores without any
 * other record.
 */
final class ChunkWriter {

    static final byte FORMAT = 1;
    private static final int HEADER = 3;
    /** Bytes of an entry besides its names: kind, key, time, and three references of up to 5 bytes. */
    private static final int FIXED = 1 + 8 + 8 + 3 * 5;

    private final NameTable names;
    private byte[] buffer = new byte[256];
    private int length = HEADER;
    private int entries;
    /** Name id + 1 → position among this chunk's names, open addressing. */
    private int[] localIds = new int[64];

    private int[] localIndex = new int[64];
    private int strings;

    ChunkWriter(NameTable names) {
        this.names = names;
    }

    void append(int kind, long key, long time, int category, int group, int source) {
        ensure(FIXED);
        buffer[length++] = (byte) kind;
        putLong(key);
        putLong(time);
        reference(category);
        reference(group);
        reference(source);
        entries++;
    }

    /** The chunk as it stands, a new array (the store keeps it). */
    byte[] toBytes() {
        byte[] out = Arrays.copyOf(buffer, length);
        out[0] = FORMAT;
        out[1] = (byte) (entries >>> 8);
        out[2] = (byte) entries;
        return out;
    }

    /** The number of entries in a chunk value. */
    static int entries(byte[] chunk) {
        return (chunk[1] & 0xFF) << 8 | chunk[2] & 0xFF;
    }

    /** What a chunk holds, one call per entry. */
    interface EntrySink {
        void entry(int kind, long key, long time, String category, String group, String source);
    }

    /** Reads a chunk value written by this class. */
    static void read(byte[] chunk, EntrySink sink) {
        if (chunk.length < HEADER || chunk[0] != FORMAT) {
            throw new IllegalStateException("de-duplication chunk of format " + (chunk.length == 0 ? "?" : chunk[0])
                    + ", this build reads " + FORMAT + " (was it written by a newer release?)");
        }
        ByteBuffer in = ByteBuffer.wrap(chunk);
        in.position(HEADER);
        List<String> local = new ArrayList<>();
        for (int i = entries(chunk); i > 0; i--) {
            int kind = in.get();
            long key = in.getLong();
            long time = in.getLong();
            String category = name(in, local);
            String group = name(in, local);
            String source = name(in, local);
            sink.entry(kind, key, time, category, group, source);
        }
    }

    private static String name(ByteBuffer in, List<String> local) {
        int ref = readVarint(in);
        if (ref > 0) {
            return local.get(ref - 1);
        }
        int length = readVarint(in);
        String name = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        local.add(name);
        return name;
    }

    private static int readVarint(ByteBuffer in) {
        int value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in.get();
            value |= (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
    }

    private void reference(int id) {
        int mask = localIds.length - 1;
        int slot = mix(id) & mask;
        while (localIds[slot] != 0) {
            if (localIds[slot] == id + 1) {
                putVarint(localIndex[slot] + 1);
                return;
            }
            slot = (slot + 1) & mask;
        }
        byte[] utf8 = names.utf8(id);
        ensure(5 + utf8.length);
        putVarint(0);
        putVarint(utf8.length);
        System.arraycopy(utf8, 0, buffer, length, utf8.length);
        length += utf8.length;
        localIds[slot] = id + 1;
        localIndex[slot] = strings++;
        if (strings * 2 > localIds.length) {
            growLocal();
        }
    }

    private void growLocal() {
        int[] ids = localIds;
        int[] index = localIndex;
        localIds = new int[ids.length * 2];
        localIndex = new int[ids.length * 2];
        int mask = localIds.length - 1;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != 0) {
                int slot = mix(ids[i] - 1) & mask;
                while (localIds[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                localIds[slot] = ids[i];
                localIndex[slot] = index[i];
            }
        }
    }

    private static int mix(int id) {
        return id * 0x9E3779B9 >>> 7;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }

    private void putLong(long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[length++] = (byte) (v >>> shift);
        }
    }

    private void putVarint(int v) {
        while ((v & ~0x7F) != 0) {
            buffer[length++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buffer[length++] = (byte) v;
    }
}
