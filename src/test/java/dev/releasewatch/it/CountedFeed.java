package dev.releasewatch.it;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.releasewatch.avro.ReleaseAnnouncement;

/**
 * A deterministic test feed with its expected counts computed independently of the topology: releases in
 * time order over some days, a few sections, some groups, and repeated announcements from a second
 * mirror a few seconds later (which must not be counted).
 */
final class CountedFeed {

    static final String[] SECTIONS = {"X264", "TV-X264", "MP3", "GAMES", "EBOOK", "FLAC"};

    final List<ReleaseAnnouncement> events = new ArrayList<>();
    /** Expected DAY count per "CATEGORY/<cat>@<date>", "GROUP/<g>@<date>", "TOTAL/*@<date>". */
    final Map<String, Long> expected = new HashMap<>();

    long distinct;
    long duplicates;

    CountedFeed(LocalDate from, int days, int perDay, long seed) {
        Random random = new Random(seed);
        long start = from.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long step = 86_400_000L / perDay;
        for (int d = 0; d < days; d++) {
            LocalDate date = from.plusDays(d);
            for (int i = 0; i < perDay; i++) {
                long t = start + d * 86_400_000L + i * step + random.nextInt((int) Math.max(1, step / 2));
                String section = SECTIONS[random.nextInt(SECTIONS.length)];
                String group = "G" + random.nextInt(40);
                String name = "Release." + d + "." + i + ".2020.x264-" + group;
                events.add(ReleaseAnnouncement.newBuilder()
                        .setName(name)
                        .setSection(section)
                        .setTime(Instant.ofEpochMilli(t))
                        .setSource("mirror-a")
                        .build());
                distinct++;
                expected.merge("CATEGORY/" + section + "@" + date, 1L, Long::sum);
                expected.merge("GROUP/" + group + "@" + date, 1L, Long::sum);
                expected.merge("TOTAL/*@" + date, 1L, Long::sum);
                if (random.nextInt(20) == 0) {
                    events.add(ReleaseAnnouncement.newBuilder()
                            .setName(name.toUpperCase())
                            .setSection(section)
                            .setTime(Instant.ofEpochMilli(t + 3_000))
                            .setSource("mirror-b")
                            .build());
                    duplicates++;
                }
            }
        }
        events.sort((a, b) -> a.getTime().compareTo(b.getTime()));
    }
}
