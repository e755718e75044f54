package dev.releasewatch.feed.synth;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.ReleaseAnnouncement;

/**
 * A feed with a long tail of small groups, as public indexers aggregating many sources have (10⁵–10⁶ distinct
 * uploaders): a share of the releases of another feed is re-attributed to one of {@code groups} tail groups; the rest
 * keep their group, so the feed's big groups stay. Only the group suffix of the name changes (section, time and source
 * stay), so the per-category counts of a feed and its tail version differ only where a rewritten name happens to
 * equal another name.
 *
 * <p>Which tail group: the first {@code groups} tail releases debut every tail group once (every other tail release,
 * so the debuts are spread over the start of the feed), every other tail release draws its group from a Zipf
 * distribution (exponent 1) over the same groups. A pure Zipf draw would leave most of a 10⁵ tail unused at 10⁶
 * events, which is not the cardinality asked for; the debuts make the number of distinct groups exactly
 * {@code groups} once the feed has {@code 2 × groups / share} releases.
 *
 * <p>Later announcements of a rewritten release (mirror copies, nukes, unnukes) get the same rewrite: the rewrites of
 * the last two days of event time are remembered, which covers every re-announcement the generator makes.
 */
public final class GroupTail implements Iterable<ReleaseAnnouncement> {

    /** Share of the releases {@code generate --groups} and {@code bench --groups} re-attribute to the tail. */
    public static final double DEFAULT_SHARE = 0.5;

    private static final long REMEMBER_MILLIS = 2 * 86_400_000L;

    private final Iterable<ReleaseAnnouncement> feed;
    private final int groups;
    private final double share;
    private final long seed;

    /**
     * @param feed   the feed to re-attribute
     * @param groups the number of distinct tail groups, at least 1
     * @param share  the share of releases attributed to the tail, in (0, 1]
     * @param seed   the random seed of the attribution
     */
    public GroupTail(final Iterable<ReleaseAnnouncement> feed, final int groups, final double share, final long seed) {
        if (groups < 1) {
            throw new IllegalArgumentException("groups must be at least 1, got " + groups);
        }
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in (0, 1], got " + share);
        }
        this.feed = feed;
        this.groups = groups;
        this.share = share;
        this.seed = seed;
    }

    /**
     * The name of the tail group of a rank: a fixed letter and the rank in base 36, a form no generated big group
     * has.
     *
     * @param rank 1 for the most productive tail group
     * @return the group name
     */
    public static String groupName(final int rank) {
        return "t" + Integer.toString(rank, 36).toUpperCase(Locale.ROOT);
    }

    @Override
    public Iterator<ReleaseAnnouncement> iterator() {
        return new Rewriter(feed.iterator());
    }

    /** One pass. */
    private final class Rewriter implements Iterator<ReleaseAnnouncement> {
        private final Iterator<ReleaseAnnouncement> source;
        private final SplittableRandom rnd = new SplittableRandom(seed);
        private final double[] cumulative = zipf(groups);
        /** Lower-cased original name → its rewritten name, or itself when it kept its group. */
        private final Map<String, Rewrite> recent = new HashMap<>();

        private long tailReleases;
        private int debuted;
        private long lastPurge = Long.MIN_VALUE;

        Rewriter(final Iterator<ReleaseAnnouncement> source) {
            this.source = source;
        }

        @Override
        public boolean hasNext() {
            return source.hasNext();
        }

        @Override
        public ReleaseAnnouncement next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            final ReleaseAnnouncement a = source.next();
            if (a.getName() == null || a.getName().isEmpty()) {
                return a;
            }
            final long time = a.getTime().toEpochMilli();
            purge(time);
            final String key = a.getName().toLowerCase(Locale.ROOT);
            Rewrite rewrite = recent.get(key);
            if (rewrite == null) {
                if (a.getKind() != EventKind.RELEASE) {
                    return a;
                }
                rewrite = new Rewrite(rnd.nextDouble() < share ? retag(a.getName(), nextRank()) : a.getName(), time);
                recent.put(key, rewrite);
            }
            if (rewrite.name().equals(a.getName())) {
                return a;
            }
            return ReleaseAnnouncement.newBuilder(a).setName(rewrite.name()).build();
        }

        private int nextRank() {
            final long n = tailReleases++;
            if (debuted < groups && n % 2 == 0) {
                return ++debuted;
            }
            final double u = rnd.nextDouble() * cumulative[cumulative.length - 1];
            return CumulativeWeights.index(cumulative, u) + 1;
        }

        private void purge(final long time) {
            if (time - lastPurge < REMEMBER_MILLIS / 8) {
                return;
            }
            lastPurge = time;
            recent.values().removeIf(r -> time - r.time() > REMEMBER_MILLIS);
        }
    }

    /** The group suffix of {@code name} replaced by the tail group of {@code rank}. */
    static String retag(final String name, final int rank) {
        final int dash = name.lastIndexOf('-');
        return (dash < 0 ? name : name.substring(0, dash)) + "-" + groupName(rank);
    }

    private static double[] zipf(final int groups) {
        final double[] cumulative = new double[groups];
        double sum = 0;
        for (int k = 1; k <= groups; k++) {
            sum += 1.0 / k;
            cumulative[k - 1] = sum;
        }
        return cumulative;
    }

    /** A release's name in this feed, and when it was first announced. */
    private record Rewrite(String name, long time) {}
}
