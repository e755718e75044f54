package dev.releasewatch.upgrade;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.config.ConfigLoader;

/**
 * The deterministic feed of the upgrade test and its ground truth, computed here and not by the topology: ten days of
 * four categories and four groups, in which GAMES falls to a tenth on days 6 and 7 (an incident that fires before the
 * upgrade and must resolve after it, once, under the same alert id) and comes back on day 8. Some releases are
 * announced again by a second mirror a few seconds later, and a few of the releases published before the upgrade are
 * announced again after it: the restored de-duplication store must drop them.
 *
 * <p>The feed is cut in two at {@link #CUT}, in the middle of day 7: the previous release of the code processes the
 * first part and its state is committed as fixtures ({@link UpgradeFixtureWriter}); the code under test restores
 * that state and processes the second part ({@code UpgradeRestoreIT}).
 */
final class UpgradeFeed {

    static final LocalDate FROM = LocalDate.of(2020, 3, 2);
    static final int DAYS = 10;
    static final Instant CUT =
            FROM.plusDays(7).atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(12));
    static final Instant END = FROM.plusDays(DAYS).atStartOfDay(ZoneOffset.UTC).toInstant();
    /** The configured grace: a heartbeat this long after an hour's end closes it. */
    static final Duration GRACE = Duration.ofMinutes(15);

    private static final String[] SECTIONS = {"GAMES", "X264", "MP3", "EBOOK"};
    private static final int[] PER_DAY = {60, 30, 25, 20};
    private static final String[] GROUPS = {"RAZOR", "SPARKS", "FLT", "CODEX"};
    private static final long SEED = 2026_12_07L;
    private static final int REPEATED_ACROSS_CUT = 20;

    final List<ReleaseAnnouncement> before = new ArrayList<>();
    final List<ReleaseAnnouncement> after = new ArrayList<>();
    /** Distinct releases per day: "CATEGORY/GAMES@2020-03-02", "GROUP/RAZOR@…", "TOTAL/*@…". */
    final Map<String, Long> dayCounts = new TreeMap<>();

    UpgradeFeed() {
        Random random = new Random(SEED);
        List<ReleaseAnnouncement> all = new ArrayList<>();
        List<ReleaseAnnouncement> lateBeforeCut = new ArrayList<>();
        for (int d = 0; d < DAYS; d++) {
            LocalDate date = FROM.plusDays(d);
            long dayStart = date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            for (int s = 0; s < SECTIONS.length; s++) {
                int n = SECTIONS[s].equals("GAMES") && (d == 6 || d == 7) ? PER_DAY[s] / 10 : PER_DAY[s];
                for (int i = 0; i < n; i++) {
                    long t = dayStart + random.nextInt(86_400_000);
                    String group = GROUPS[random.nextInt(GROUPS.length)];
                    String name = "Upgrade.Test." + SECTIONS[s] + "." + d + "." + i + ".2020-" + group;
                    ReleaseAnnouncement a = announcement(name, SECTIONS[s], t, "mirror-a");
                    all.add(a);
                    dayCounts.merge("CATEGORY/" + SECTIONS[s] + "@" + date, 1L, Long::sum);
                    dayCounts.merge("GROUP/" + group + "@" + date, 1L, Long::sum);
                    dayCounts.merge("TOTAL/*@" + date, 1L, Long::sum);
                    if (random.nextInt(20) == 0) {
                        all.add(announcement(name.toUpperCase(), SECTIONS[s], t + 3_000, "mirror-b"));
                    }
                    if (t < CUT.toEpochMilli() && t >= CUT.toEpochMilli() - 86_400_000L) {
                        lateBeforeCut.add(a);
                    }
                }
            }
        }
        lateBeforeCut.sort(Comparator.comparing(ReleaseAnnouncement::getTime));
        for (int i = 0; i < REPEATED_ACROSS_CUT; i++) {
            ReleaseAnnouncement a = lateBeforeCut.get(i * lateBeforeCut.size() / REPEATED_ACROSS_CUT);
            long t = CUT.toEpochMilli() + 60_000L + random.nextInt(6 * 3_600_000);
            all.add(announcement(a.getName().toLowerCase(), a.getSection(), t, "mirror-c"));
        }
        all.sort(Comparator.comparing(ReleaseAnnouncement::getTime));
        for (ReleaseAnnouncement a : all) {
            (a.getTime().isBefore(CUT) ? before : after).add(a);
        }
    }

    /** The configuration both releases run with: the topics, two input partitions, a three-day warm-up. */
    static ConfigLoader config(String bootstrapServers, Path stateDir) {
        return new ConfigLoader()
                .set("bootstrap.servers", bootstrapServers)
                .set("application.id", "upgrade")
                .set("topic.input", "upgrade-in")
                .set("topic.counts", "upgrade-counts")
                .set("topic.alerts", "upgrade-alerts")
                .set("topic.dead-letters", "upgrade-dead")
                .set("topic.decisions", "upgrade-decisions")
                .set("topic.partitions", "2")
                .set("window.grace", GRACE.toMinutes() + "m")
                .set("detector.warmup-days", "3")
                .set("history.hour-retention", "2d")
                .set("history.day-retention", "30d")
                .set("state.dir", stateDir.toString())
                .set("metrics.port", "-1");
    }

    private static ReleaseAnnouncement announcement(String name, String section, long time, String source) {
        return ReleaseAnnouncement.newBuilder()
                .setName(name)
                .setSection(section)
                .setTime(Instant.ofEpochMilli(time))
                .setSource(source)
                .build();
    }
}
