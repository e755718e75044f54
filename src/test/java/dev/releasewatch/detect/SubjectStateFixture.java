package dev.releasewatch.detect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.releasewatch.avro.Direction;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.Severity;

/**
 * A detector state with every part filled in (days, hourly profile, an open incident whose enums are not the
 * first of their types, group rates), for the codec's upgrade test. {@link #main} wrote
 * {@code src/test/resources/upgrade/subject-state-v1.bin} with the codec of the release that wrote version 1
 * (enums by ordinal); it is kept to write the fixture of the next version the same way.
 */
final class SubjectStateFixture {

    static final int HISTORY_DAYS = 63;

    private SubjectStateFixture() {}

    static SubjectState state() {
        SubjectState s = new SubjectState(Scope.GROUP, "RAZOR", HISTORY_DAYS);
        for (int d = 0; d < 10; d++) {
            s.appendDay(19_700 + d, 3 + d % 4, d == 7 ? SubjectState.FLAG_INCIDENT : 0);
        }
        s.rebaseDay = 19_703;
        for (int h = 0; h < SubjectState.HOURS; h++) {
            s.hourProfile[h] = h / 24f;
            s.hourSamples[h] = (byte) (h % 5);
        }
        s.hourlyDispersion = 0.25f;
        s.recentCount = 2;
        s.recentHours[0] = 4;
        s.recentHours[1] = 1;
        s.recentExpected[0] = 3.5f;
        s.recentExpected[1] = 0.75f;
        s.newestHour = 472_810;
        Incident inc = new Incident();
        inc.alertId = "group:RAZOR:spike";
        inc.incidentId = "group:RAZOR:spike:2023-12-08T00:00:00Z";
        inc.direction = Direction.SPIKE;
        inc.severity = Severity.CRITICAL;
        inc.granularity = Granularity.DAY;
        inc.startMillis = 1_702_000_000_000L;
        inc.startDay = 19_707;
        inc.expectedDaily = 4.25;
        inc.feedWide = false;
        inc.affected.add("GAMES");
        s.incident = inc;
        s.groupRates.put("GAMES", 0.5f);
        s.groupRates.put("TV", 0.125f);
        return s;
    }

    /** Writes the fixture with the codec on the class path into the file given. */
    public static void main(String[] args) throws IOException {
        Files.write(Path.of(args[0]), SubjectStateCodec.encode(state()));
    }
}
