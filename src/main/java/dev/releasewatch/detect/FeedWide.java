package dev.releasewatch.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.releasewatch.avro.Contributor;
import dev.releasewatch.avro.Direction;

/**
 * Feed-wide attribution: which categories moved with a TOTAL incident (listed on its alert), whether that is most of
 * them ({@code feed-wide-fraction}), and the tagging of the category incidents with the TOTAL alert's id, so that an
 * ops tool pages once for a correlated collapse.
 */
final class FeedWide {

    /** Categories expecting fewer releases in a span are not counted when deciding whether a feed drop is feed-wide. */
    private static final double FEED_WIDE_MIN_EXPECTED = 5;

    private final DetectorSettings settings;

    FeedWide(DetectorSettings settings) {
        this.settings = settings;
    }

    /** Records on a TOTAL incident which categories moved with it, and whether that is most of them. */
    void updateAffected(Incident inc, List<Contributor> spans, Direction direction) {
        int eligible = 0;
        List<String> affected = new ArrayList<>();
        for (Contributor c : spans) {
            if (c.getExpected() < FEED_WIDE_MIN_EXPECTED) {
                continue;
            }
            eligible++;
            double ratio = c.getObserved() / c.getExpected();
            boolean moved = direction == Direction.DROP
                    ? ratio <= 1 - settings.minRelativeChange()
                    : ratio >= 1 + settings.minRelativeChange();
            if (moved) {
                affected.add(c.getName());
            }
        }
        for (String a : inc.affected) {
            if (!affected.contains(a)) {
                affected.add(a);
            }
        }
        affected.sort(Comparator.naturalOrder());
        inc.affected = affected;
        inc.feedWide = eligible >= 2 && affected.size() >= settings.feedWideFraction() * eligible;
    }

    /** Categories whose incidents opened before the feed's carry the feed-wide id from now on. */
    static void tagCategories(Incident feed, List<SubjectState> categories) {
        if (!feed.feedWide) {
            return;
        }
        for (SubjectState c : categories) {
            if (c.incident != null && c.incident.direction == feed.direction && feed.affected.contains(c.subject)) {
                c.incident.incidentId = feed.alertId;
            }
        }
    }
}
