package dev.releasewatch.detect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateBytesTest {

    private static final String[] STRINGS = {
        "", "X264", "Grüppe", "字幕组", "nul\u0000inside", "emoji \uD83C\uDFAC", "\u07FF\u0800"
    };

    @Test
    void shouldWriteExactlyWhatADataOutputStreamWrites() throws Exception {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        StateBytesWriter writer = new StateBytesWriter(1);
        try (DataOutputStream out = new DataOutputStream(expected)) {
            for (String s : STRINGS) {
                out.writeUTF(s);
                writer.writeUtf(s);
            }
            for (float f : new float[] {0f, -1.5f, Float.NaN, Float.MAX_VALUE}) {
                out.writeFloat(f);
                writer.writeFloat(f);
            }
            out.writeDouble(Math.PI);
            writer.writeDouble(Math.PI);
            out.writeInt(Integer.MIN_VALUE);
            writer.writeInt(Integer.MIN_VALUE);
            out.writeLong(-1234567890123L);
            writer.writeLong(-1234567890123L);
            out.writeBoolean(true);
            writer.writeBoolean(true);
            out.writeByte(-3);
            writer.writeByte(-3);
        }
        assertThat(writer.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void shouldReadBackWhatADataOutputStreamWrote() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (String s : STRINGS) {
                out.writeUTF(s);
            }
            out.writeFloat(-2.25f);
            out.writeDouble(-Math.E);
            out.writeInt(-123456789);
            out.writeLong(Long.MIN_VALUE + 7);
            out.writeByte(200);
        }
        StateBytesReader reader = new StateBytesReader(bytes.toByteArray());
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            for (String s : STRINGS) {
                assertThat(reader.readUtf()).isEqualTo(s).isEqualTo(in.readUTF());
            }
        }
        assertThat(reader.readFloat()).isEqualTo(-2.25f);
        assertThat(reader.readDouble()).isEqualTo(-Math.E);
        assertThat(reader.readInt()).isEqualTo(-123456789);
        assertThat(reader.readLong()).isEqualTo(Long.MIN_VALUE + 7);
        assertThat(reader.readUnsignedByte()).isEqualTo(200);
    }

    @Test
    void shouldRoundTripVariableLengthLongsOfEitherSign() {
        long[] values = {0, 1, -1, 63, -64, 64, 300, -300, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40};
        StateBytesWriter writer = new StateBytesWriter(4);
        for (long v : values) {
            writer.writeVarLong(v);
        }
        byte[] bytes = writer.toByteArray();
        StateBytesReader reader = new StateBytesReader(bytes);
        long[] back = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            back[i] = reader.readVarLong();
        }
        assertThat(back).containsExactly(values);
        assertThat(bytes[0]).as("zero takes one byte").isZero();
    }

    @Test
    void shouldSayWhereAStateIsCutShort() {
        StateBytesWriter writer = new StateBytesWriter(8);
        writer.writeUtf("X264-HD");
        byte[] cut = Arrays.copyOf(writer.toByteArray(), 5);
        assertThatThrownBy(() -> new StateBytesReader(cut).readUtf())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ends inside a string");
        assertThatThrownBy(() -> new StateBytesReader(new byte[3]).readInt())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ends early");
    }
}
