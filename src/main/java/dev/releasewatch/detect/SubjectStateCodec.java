package dev.releasewatch.detect;

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
        StateBytesWriter out = new StateBytesWriter(sizeHint(s));
        out.writeByte(VERSION);
        out.writeUtf(s.scope.name());
        out.writeUtf(s.subject);
        out.writeVarLong(s.dayCount);
        for (int i = 0; i < s.dayCount; i++) {
            out.writeVarLong(s.days[i]);
            out.writeByte(s.dayFlags[i]);
        }
        out.writeVarLong(s.newestDay);
        out.writeVarLong(s.lastActiveDay);
        out.writeVarLong(s.rebaseDay);
        out.writeBoolean(s.hasHourlyData());
        if (s.hasHourlyData()) {
            for (int h = 0; h < SubjectState.HOURS; h++) {
                out.writeFloat(s.hourProfile[h]);
                out.writeByte(s.hourSamples[h]);
            }
            out.writeFloat(s.hourlyDispersion);
            out.writeVarLong(s.recentCount);
            for (int i = 0; i < s.recentCount; i++) {
                out.writeVarLong(s.recentHours[i]);
                out.writeFloat(s.recentExpected[i]);
            }
            out.writeVarLong(s.newestHour);
        }
        Incident inc = s.incident;
        out.writeBoolean(inc != null);
        if (inc != null) {
            out.writeUtf(inc.alertId);
            out.writeBoolean(inc.incidentId != null);
            if (inc.incidentId != null) {
                out.writeUtf(inc.incidentId);
            }
            out.writeUtf(inc.direction.name());
            out.writeUtf(inc.severity.name());
            out.writeUtf(inc.granularity.name());
            out.writeVarLong(inc.startMillis);
            out.writeVarLong(inc.startDay);
            out.writeDouble(inc.expectedDaily);
            out.writeBoolean(inc.feedWide);
            out.writeVarLong(inc.affected.size());
            for (String a : inc.affected) {
                out.writeUtf(a);
            }
        }
        out.writeVarLong(s.groupRates.size());
        for (var e : s.groupRates.entrySet()) {
            out.writeUtf(e.getKey());
            out.writeFloat(e.getValue());
        }
        out.writeVarLong(s.shiftCount);
        for (int i = 0; i < s.shiftCount; i++) {
            out.writeVarLong(s.shiftHours[i]);
            out.writeFloat(s.shiftExpected[i]);
            out.writeVarLong(s.shiftEpochHours[i]);
        }
        out.writeFloat(s.otherGroupsRate);
        out.writeVarLong(s.dueDay);
        return out.toByteArray();
    }

    static SubjectState decode(byte[] data, int historyDays) {
        StateBytesReader in = new StateBytesReader(data);
        int version = in.readUnsignedByte();
        if (version < 1 || version > VERSION) {
            throw new IllegalStateException("unknown detector state version " + version + " (this release reads 1.."
                    + VERSION + "; was the state written by a newer release?)");
        }
        SubjectState s = new SubjectState(constant(in, version, Scope.class, SCOPES_V1), in.readUtf(), historyDays);
        int n = (int) in.readVarLong();
        int skip = Math.max(0, n - historyDays);
        for (int i = 0; i < n; i++) {
            int count = (int) in.readVarLong();
            byte flags = in.readByte();
            if (i >= skip) {
                s.days[s.dayCount] = count;
                s.dayFlags[s.dayCount] = flags;
                s.dayCount++;
            }
        }
        s.newestDay = in.readVarLong();
        s.lastActiveDay = in.readVarLong();
        s.rebaseDay = in.readVarLong();
        if (in.readBoolean()) {
            for (int h = 0; h < SubjectState.HOURS; h++) {
                s.hourProfile[h] = in.readFloat();
                s.hourSamples[h] = in.readByte();
            }
            s.hourlyDispersion = in.readFloat();
            s.recentCount = (int) in.readVarLong();
            for (int i = 0; i < s.recentCount; i++) {
                s.recentHours[i] = (int) in.readVarLong();
                s.recentExpected[i] = in.readFloat();
            }
            s.newestHour = in.readVarLong();
        }
        if (in.readBoolean()) {
            Incident inc = new Incident();
            inc.alertId = in.readUtf();
            inc.incidentId = in.readBoolean() ? in.readUtf() : null;
            inc.direction = constant(in, version, Direction.class, DIRECTIONS_V1);
            inc.severity = constant(in, version, Severity.class, SEVERITIES_V1);
            inc.granularity = constant(in, version, Granularity.class, GRANULARITIES_V1);
            inc.startMillis = in.readVarLong();
            inc.startDay = in.readVarLong();
            inc.expectedDaily = in.readDouble();
            inc.feedWide = in.readBoolean();
            int affected = (int) in.readVarLong();
            for (int i = 0; i < affected; i++) {
                inc.affected.add(in.readUtf());
            }
            s.incident = inc;
        }
        int groups = (int) in.readVarLong();
        for (int i = 0; i < groups; i++) {
            s.groupRates.put(in.readUtf(), in.readFloat());
        }
        if (version >= VERSION_WITH_SHIFT_HOURS) {
            int hours = (int) in.readVarLong();
            int skipHours = Math.max(0, hours - SubjectState.SHIFT_HOURS);
            for (int i = 0; i < hours; i++) {
                int count = (int) in.readVarLong();
                float expected = in.readFloat();
                long epochHour = in.readVarLong();
                if (i >= skipHours) {
                    s.appendShiftHour(count, expected, epochHour);
                }
            }
        }
        if (version >= VERSION_WITH_SCHEDULE) {
            s.otherGroupsRate = in.readFloat();
            s.dueDay = in.readVarLong();
        }
        return s;
    }

    /** An enum constant: by name from version 2, by its version-1 ordinal before. */
    private static <E extends Enum<E>> E constant(StateBytesReader in, int version, Class<E> type, List<String> v1) {
        String name = version == 1 ? v1.get(in.readUnsignedByte()) : in.readUtf();
        return Enum.valueOf(type, name);
    }

    /** Room for a typical state, so the writer rarely grows: its history days, hours and groups. */
    private static int sizeHint(SubjectState s) {
        return 96
                + 3 * s.dayCount
                + 10 * s.recentCount
                + 16 * s.shiftCount
                + 24 * s.groupRates.size()
                + (s.hasHourlyData() ? 5 * SubjectState.HOURS : 0);
    }
}
