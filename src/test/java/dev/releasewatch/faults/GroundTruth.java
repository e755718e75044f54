package dev.releasewatch.faults;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.feed.ReleaseClassifier;
import dev.releasewatch.feed.SectionClassifier;

/**
 * The daily counts a feed must produce, computed from the input alone: one per distinct release name (case-folded,
 * as the monitor de-duplicates), by category, by group and in total, on the UTC day of its announcement. Keys read
 * {@code CATEGORY/X264@2020-07-01}, {@code GROUP/SPARKS@2020-07-01}, {@code TOTAL/*@2020-07-01}.
 *
 * <p>The classification (section to category, name to group) is the monitor's own: what is under test here is
 * that faults lose or repeat nothing, not how a release is classified. The fault feeds have no nukes, and their
 * names are unique except for deliberate repeats, so "distinct name" is exact for them.
 */
final class GroundTruth {

    private final ReleaseClassifier classifier = SectionClassifier.defaults();
    private final Set<String> seen = new HashSet<>();
    private final Map<String, Long> daily = new HashMap<>();
    private long events;

    /** Adds one event as it is published. */
    void add(ReleaseAnnouncement a) {
        if (a.getKind() != EventKind.RELEASE) {
            return;
        }
        events++;
        if (!seen.add(a.getName().toLowerCase(Locale.ROOT))) {
            return;
        }
        LocalDate day = a.getTime().atZone(ZoneOffset.UTC).toLocalDate();
        daily.merge("CATEGORY/" + classifier.category(a.getSection(), a.getName()) + "@" + day, 1L, Long::sum);
        daily.merge("GROUP/" + classifier.group(a.getName()) + "@" + day, 1L, Long::sum);
        daily.merge("TOTAL/*@" + day, 1L, Long::sum);
    }

    /** Expected non-zero daily counts. */
    Map<String, Long> daily() {
        return daily;
    }

    /** Release events added (repeats included). */
    long events() {
        return events;
    }

    /** Distinct releases. */
    long distinct() {
        return seen.size();
    }
}
