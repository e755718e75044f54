package dev.releasewatch.detect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import dev.releasewatch.avro.Direction;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.Severity;

/**
 * Compact binary form of a {@link SubjectState}: a version byte, then variable-length integers for counts and days, so a
 * typical group (nine weeks of small counts) takes about a hundred bytes. A state written with a longer history than the
 * current settings allow keeps its most recent days.
 *
 * <p>Version 2 appends the level-shift test's hours (a count, then count, expectation and epoch hour per hour); a
 * version 1 state is still read, with no such hours: the test then starts from the next hour, as after an incident.
 */
final class SubjectStateCodec {

    private static final int VERSION = 2;
    /** The oldest version still read. */
    private static final int VERSION_WITHOUT_SHIFT_HOURS = 1;

    private SubjectStateCodec() {}

    static byte[] encode(SubjectState s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte(s.scope.ordinal());
            out.writeUTF(s.subject);
            writeVarLong(out, s.dayCount);
            for (int i = 0; i < s.dayCount; i++) {
                writeVarLong(out, s.days[i]);
                out.writeByte(s.dayFlags[i]);
            }
            writeVarLong(out, s.newestDay);
            writeVarLong(out, s.lastActiveDay);
            writeVarLong(out, s.rebaseDay);
            out.writeBoolean(s.hasHourlyData());
            if (s.hasHourlyData()) {
                for (int h = 0; h < SubjectState.HOURS; h++) {
                    out.writeFloat(s.hourProfile[h]);
                    out.writeByte(s.hourSamples[h]);
                }
                out.writeFloat(s.hourlyDispersion);
                writeVarLong(out, s.recentCount);
                for (int i = 0; i < s.recentCount; i++) {
                    writeVarLong(out, s.recentHours[i]);
                    out.writeFloat(s.recentExpected[i]);
                }
                writeVarLong(out, s.newestHour);
            }
            Incident inc = s.incident;
            out.writeBoolean(inc != null);
            if (inc != null) {
                out.writeUTF(inc.alertId);
                out.writeBoolean(inc.incidentId != null);
                if (inc.incidentId != null) {
                    out.writeUTF(inc.incidentId);
                }
                out.writeByte(inc.direction.ordinal());
                out.writeByte(inc.severity.ordinal());
                out.writeByte(inc.granularity.ordinal());
                writeVarLong(out, inc.startMillis);
                writeVarLong(out, inc.startDay);
                out.writeDouble(inc.expectedDaily);
                out.writeBoolean(inc.feedWide);
                writeVarLong(out, inc.affected.size());
                for (String a : inc.affected) {
                    out.writeUTF(a);
                }
            }
            writeVarLong(out, s.groupRates.size());
            for (var e : s.groupRates.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeFloat(e.getValue());
            }
            writeVarLong(out, s.shiftCount);
            for (int i = 0; i < s.shiftCount; i++) {
                writeVarLong(out, s.shiftHours[i]);
                out.writeFloat(s.shiftExpected[i]);
                writeVarLong(out, s.shiftEpochHours[i]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static SubjectState decode(byte[] data, int historyDays) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int version = in.readUnsignedByte();
            if (version != VERSION && version != VERSION_WITHOUT_SHIFT_HOURS) {
                throw new IllegalStateException("unknown detector state version " + version);
            }
            SubjectState s = new SubjectState(Scope.values()[in.readUnsignedByte()], in.readUTF(), historyDays);
            int n = (int) readVarLong(in);
            int skip = Math.max(0, n - historyDays);
            for (int i = 0; i < n; i++) {
                int count = (int) readVarLong(in);
                byte flags = in.readByte();
                if (i >= skip) {
                    s.days[s.dayCount] = count;
                    s.dayFlags[s.dayCount] = flags;
                    s.dayCount++;
                }
            }
            s.newestDay = readVarLong(in);
            s.lastActiveDay = readVarLong(in);
            s.rebaseDay = readVarLong(in);
            if (in.readBoolean()) {
                for (int h = 0; h < SubjectState.HOURS; h++) {
                    s.hourProfile[h] = in.readFloat();
                    s.hourSamples[h] = in.readByte();
                }
                s.hourlyDispersion = in.readFloat();
                s.recentCount = (int) readVarLong(in);
                for (int i = 0; i < s.recentCount; i++) {
                    s.recentHours[i] = (int) readVarLong(in);
                    s.recentExpected[i] = in.readFloat();
                }
                s.newestHour = readVarLong(in);
            }
            if (in.readBoolean()) {
                Incident inc = new Incident();
                inc.alertId = in.readUTF();
                inc.incidentId = in.readBoolean() ? in.readUTF() : null;
                inc.direction = Direction.values()[in.readUnsignedByte()];
                inc.severity = Severity.values()[in.readUnsignedByte()];
                inc.granularity = Granularity.values()[in.readUnsignedByte()];
                inc.startMillis = readVarLong(in);
                inc.startDay = readVarLong(in);
                inc.expectedDaily = in.readDouble();
                inc.feedWide = in.readBoolean();
                int affected = (int) readVarLong(in);
                for (int i = 0; i < affected; i++) {
                    inc.affected.add(in.readUTF());
                }
                s.incident = inc;
            }
            int groups = (int) readVarLong(in);
            for (int i = 0; i < groups; i++) {
                s.groupRates.put(in.readUTF(), in.readFloat());
            }
            if (version >= VERSION) {
                int hours = (int) readVarLong(in);
                int skipHours = Math.max(0, hours - SubjectState.SHIFT_HOURS);
                for (int i = 0; i < hours; i++) {
                    int count = (int) readVarLong(in);
                    float expected = in.readFloat();
                    long epochHour = readVarLong(in);
                    if (i >= skipHours) {
                        s.appendShiftHour(count, expected, epochHour);
                    }
                }
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Zig-zag variable-length encoding: small magnitudes of either sign take one byte. */
    private static void writeVarLong(DataOutputStream out, long value) throws IOException {
        long v = (value << 1) ^ (value >> 63);
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    private static long readVarLong(DataInputStream in) throws IOException {
        long v = 0;
        int shift = 0;
        while (true) {
            int b = in.readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
        }
        return (v >>> 1) ^ -(v & 1);
    }
}
