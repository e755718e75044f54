package dev.releasewatch.detect;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The silence watch keeps one entry per group, finds an alarming silence through its due-time index at the same hour as
 * checking every group every hour would, and splits the previous release's single entry on first use.
 */
class GroupSilenceWatchTest {

    private static final DetectorSettings SETTINGS = DetectorSettings.defaults();
    private static final LocalDate WATCHED = LocalDate.of(2020, 6, 1);

    @Test
    void shouldFindASilenceAtTheHourACheckOfEveryGroupFindsIt() {
        for (double perDay : new double[] {6, 12, 40}) {
            InMemorySubjectStore store = new InMemorySubjectStore();
            GroupSilenceWatch watch = GroupSilenceWatch.open(store, SETTINGS);
            double[] week = {1.1, 1.1, 1.1, 1.1, 1.1, 0.75, 0.75};
            DailyBaseline baseline = new DailyBaseline(perDay, week, 0.05, 40, 14);
            LocalDate lastDay = WATCHED.plusDays(30);
            // watched since a month; its longest silence so far is an hour
            watch.dayClosed("VEXiON", baseline, WATCHED, false, at(lastDay, 8));
            long lastHour = at(lastDay, 9).toEpochMilli();
            watch.released("VEXiON", lastHour, lastHour + 3_600_000L);

            Long byCheck = null;
            Long byIndex = null;
            for (long now = lastHour + 3_600_000L; now < lastHour + 20 * 86_400_000L; now += 3_600_000L) {
                LocalDate today =
                        Instant.ofEpochMilli(now - 1).atZone(ZoneOffset.UTC).toLocalDate();
                if (byCheck == null && watch.check("VEXiON", now, today) != null) {
                    byCheck = now;
                }
                if (byIndex == null && !watch.alarming(now, today).isEmpty()) {
                    byIndex = now;
                }
            }
            assertThat(byCheck).as("%s a day goes silent", perDay).isNotNull();
            assertThat(byIndex).as("%s a day", perDay).isEqualTo(byCheck);
            assertThat(store.prefixScan("watch-due/")).hasSize(1);
        }
    }

    @Test
    void shouldSplitThePreviousReleasesSingleEntry() throws IOException {
        ByteArrayOutputStream old = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(old)) {
            out.writeByte(1);
            out.writeInt(2);
            for (String group : new String[] {"GECKOS", "SPARKS"}) {
                out.writeUTF(group);
                out.writeLong(at(WATCHED, 5).toEpochMilli());
                for (int d = 0; d < 7; d++) {
                    out.writeFloat(10);
                }
                out.writeFloat(0.1f);
                out.writeFloat(3);
                out.writeInt((int) WATCHED.minusDays(40).toEpochDay());
                out.writeBoolean(group.equals("SPARKS"));
            }
        }
        InMemorySubjectStore store = new InMemorySubjectStore();
        store.put(GroupSilenceWatch.OLD_KEY, old.toByteArray());

        GroupSilenceWatch watch = GroupSilenceWatch.open(store, SETTINGS);

        assertThat(store.get(GroupSilenceWatch.OLD_KEY)).isNull();
        assertThat(store.prefixScan("watch/")).hasSize(2);
        assertThat(watch.lastSeen("GECKOS")).isEqualTo(at(WATCHED, 5).toEpochMilli());
        assertThat(store.prefixScan("watch-due/"))
                .as("only the group without an incident can become alarming")
                .singleElement()
                .satisfies(e -> assertThat(e.getKey()).endsWith("/GECKOS"));
        LocalDate later = WATCHED.plusDays(3);
        assertThat(watch.alarming(at(later, 0).toEpochMilli(), later))
                .singleElement()
                .satisfies(s -> assertThat(s.group()).isEqualTo("GECKOS"));
    }

    private static Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }
}
