package dev.releasewatch.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import dev.releasewatch.avro.Contributor;

/**
 * A category's usual groups ({@link SubjectState#groupRates}, a smoothed daily count per group) and the contributors a
 * drop alert names as missing: those that delivered less than half their usual share, largest shortfall first.
 *
 * <p>A category keeps at most {@value #MAX_GROUPS} groups by rate; the rates of the others are summed into one
 * {@link SubjectState#otherGroupsRate}, which decays like them, so each kept group's share of the category stays what
 * it was. Why 256: an alert names at most {@code max-contributors} (10) groups, each expected at one release or more in
 * the judged span, so only groups holding a sizeable share can be named; on the suite's feed the biggest category has
 * fewer than 256 groups above the rate floor, so nothing changes there, while a category with 100,000 long-tail groups
 * (tens of thousands above the floor at any time) keeps a value of about 5 KB instead of over half a megabyte.
 */
final class Contributors {

    /** Groups kept per category, by rate. */
    static final int MAX_GROUPS = 256;

    private static final double RATE_ALPHA = 1.0 / 14;
    private static final float RATE_FLOOR = 0.02f;
    /** A contributor is "missing" when it delivered less than this share of what it usually does. */
    private static final double MISSING_SHARE = 0.5;
    /** A group's count in a span that is not known. */
    static final long UNKNOWN = -1;

    private final DetectorSettings settings;

    Contributors(DetectorSettings settings) {
        this.settings = settings;
    }

    /** Learns a category's day: every rate decays, today's groups add their count, and only the top groups are kept. */
    static void learn(SubjectState s, Map<String, Long> today) {
        s.groupRates.replaceAll((g, r) -> (float) (r * (1 - RATE_ALPHA)));
        s.otherGroupsRate = (float) (s.otherGroupsRate * (1 - RATE_ALPHA));
        for (var e : today.entrySet()) {
            s.groupRates.merge(e.getKey(), (float) (RATE_ALPHA * e.getValue()), Float::sum);
        }
        s.groupRates.values().removeIf(r -> r < RATE_FLOOR);
        if (s.groupRates.size() > MAX_GROUPS) {
            List<Map.Entry<String, Float>> byRate = new ArrayList<>(s.groupRates.entrySet());
            byRate.sort(
                    Map.Entry.<String, Float>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
            for (Map.Entry<String, Float> e : byRate.subList(MAX_GROUPS, byRate.size())) {
                s.otherGroupsRate += e.getValue();
                s.groupRates.remove(e.getKey());
            }
        }
    }

    /** Contributors that delivered less than half their usual share, largest shortfall first. */
    List<Contributor> missing(List<Contributor> spans) {
        return spans.stream()
                .filter(c -> c.getExpected() >= 1 && c.getObserved() < MISSING_SHARE * c.getExpected())
                .sorted(Comparator.comparingDouble((Contributor c) -> c.getObserved() - c.getExpected())
                        .thenComparing(Contributor::getName))
                .limit(settings.maxContributors())
                .toList();
    }

    /**
     * The groups of a category that fell short today, each expected at its usual share of the category's expectation.
     */
    List<Contributor> missingGroups(SubjectState s, Map<String, Long> today, Double expected) {
        return expected == null ? List.of() : missingGroups(s, expected, group -> today.getOrDefault(group, 0L));
    }

    /**
     * The category's usual groups that fell short, each expected at its usual share of {@code expected}.
     *
     * @param observed a group's count in the judged span, or {@link #UNKNOWN} to leave it out
     */
    List<Contributor> missingGroups(SubjectState s, double expected, ToLongFunction<String> observed) {
        double rateSum = s.otherGroupsRate;
        for (float r : s.groupRates.values()) {
            rateSum += r;
        }
        if (rateSum <= 0) {
            return List.of();
        }
        List<Contributor> spans = new ArrayList<>();
        for (var e : s.groupRates.entrySet()) {
            long n = observed.applyAsLong(e.getKey());
            if (n != UNKNOWN) {
                spans.add(new Contributor(e.getKey(), e.getValue() / rateSum * expected, n));
            }
        }
        return missing(spans);
    }
}
