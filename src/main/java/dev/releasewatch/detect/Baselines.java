package dev.releasewatch.detect;

import java.util.Map;

import dev.releasewatch.avro.Scope;

/**
 * Which baseline each subject is judged against: the feed's own, whose weekday factors are every other subject's prior,
 * and a category's or group's shrunk towards that prior and towards its scope's prior dispersion.
 */
final class Baselines {

    /**
     * Dispersion a group is assumed to have until its history shows otherwise: groups publish in packs, and a few weeks
     * of a steady rhythm must not make two quiet days look impossible.
     */
    static final double GROUP_PRIOR_DISPERSION = 0.1;
    /** The same for a category: the Poisson part of a small category's variance hides its over-dispersion for weeks. */
    static final double CATEGORY_PRIOR_DISPERSION = 0.03;

    private final DetectorSettings settings;

    Baselines(DetectorSettings settings) {
        this.settings = settings;
    }

    /** The feed's baseline, whose weekday factors are every other subject's prior; null before the feed has one. */
    DailyBaseline feed(Map<String, SubjectState> states) {
        SubjectState feed = states.get(SubjectKeys.keyOf(Scope.TOTAL, "*"));
        return feed == null
                ? null
                : DailyBaseline.of(
                        feed, settings, DailyBaseline.FLAT_WEEK, CATEGORY_PRIOR_DISPERSION, settings.maxSpanDays() - 1);
    }

    DailyBaseline of(SubjectState s, DailyBaseline feed) {
        if (s.scope == Scope.TOTAL) {
            return feed;
        }
        double[] prior = feed != null ? feed.weekdayFactors() : DailyBaseline.FLAT_WEEK;
        boolean group = s.scope == Scope.GROUP;
        return DailyBaseline.of(
                s,
                settings,
                prior,
                group ? GROUP_PRIOR_DISPERSION : CATEGORY_PRIOR_DISPERSION,
                (group ? settings.groupMaxSpanDays() : settings.maxSpanDays()) - 1);
    }
}
