package dev.releasewatch.detect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import dev.releasewatch.avro.Direction;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.Severity;

/**
 * Compact binary form of a {@link SubjectState}: a version byte (enums by name since version 2; version 1, with
 * ordinals, still decodes), then variable-length integers for counts and days, so a typical group (nine weeks of
 * small counts) takes about a hundred bytes. A state written with a longer history than the current settings allow
 * keeps its most recent days.
 *
 * <p>Version 3 appends the level-shift test's hours (a count, then count, expectation and epoch hour per hour); a
 * version 1 or 2 state is still read, with no such hours: the test then starts from the next hour, as after an
 * incident.
 *
 * <p>Version 4 appends the summed rate of a category's groups beyond the ones kept ({@link Contributors}) and a group's
 * due day ({@link GroupSchedule}); an older state has neither (0, and not scheduled).
 */
final class SubjectStateCodec {

    /**
     * Version 4 adds the other groups' rate and the due day; version 3 the level-shift hours; version 2 writes enums by
     * name; version 1 wrote their ordinals.
     */
    static final int VERSION = 4;
    /** The first version with the other groups' rate and the due day. */
    private static final int VERSION_WITH_SCHEDULE = 4;
    /** The first version with the level-shift hours. */
    private static final int VERSION_WITH_SHIFT_HOURS = 3;

    /*
     * The enums' constants in the order version 1 wrote their ordinals, frozen here: a constant added or moved later
     * changes the ordinals but must not change what a version-1 state means.
     */
    private static final List<String> SCOPES_V1 = List.of("CATEGORY", "GROUP", "TOTAL");
    private static final List<String> DIRECTIONS_V1 = List.of("DROP", "SPIKE");
    private static final List<String> SEVERITIES_V1 = List.of("INFO", "WARNING", "CRITICAL");
    private static final List<String> GRANULARITIES_V1 = List.of("HOUR", "DAY");

    private SubjectStateCodec() {}

    static byte[] encode(SubjectState s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(s.scope.name());
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
                out.writeUTF(inc.direction.name());
                out.writeUTF(inc.severity.name());
                out.writeUTF(inc.granularity.name());
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
            out.writeFloat(s.otherGroupsRate);
            writeVarLong(out, s.dueDay);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static SubjectState decode(byte[] data, int historyDays) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int version = in.readUnsignedByte();
            if (version < 1 || version > VERSION) {
                throw new IllegalStateException("unknown detector state version " + version + " (this release reads 1.."
                        + VERSION + "; was the state written by a newer release?)");
            }
            SubjectState s = new SubjectState(constant(in, version, Scope.class, SCOPES_V1), in.readUTF(), historyDays);
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
                inc.direction = constant(in, version, Direction.class, DIRECTIONS_V1);
                inc.severity = constant(in, version, Severity.class, SEVERITIES_V1);
                inc.granularity = constant(in, version, Granularity.class, GRANULARITIES_V1);
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
            if (version >= VERSION_WITH_SHIFT_HOURS) {
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
            if (version >= VERSION_WITH_SCHEDULE) {
                s.otherGroupsRate = in.readFloat();
                s.dueDay = readVarLong(in);
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An enum constant: by name from version 2, by its version-1 ordinal before. */
    private static <E extends Enum<E>> E constant(DataInputStream in, int version, Class<E> type, List<String> v1)
            throws IOException {
        String name = version == 1 ? v1.get(in.readUnsignedByte()) : in.readUTF();
        return Enum.valueOf(type, name);
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
