package dev.releasewatch.detect;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.Contributor;
import dev.releasewatch.avro.Direction;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;

/**
 * The hourly judge of the feed and the categories (early warning): the last 2..24 hours against the day's expectation
 * times the hour-of-day profile, the feed's span also against the level of the hours before it, and a category's
 * level-shift test over the hours since its last incident.
 */
final class HourlyJudge {

    /** The within-day level test needs this many preceding hours to know the level the span is compared with. */
    private static final int SHIFT_MIN_PRECEDING_HOURS = 6;
    /** ... and the span to be at least this far off the baseline too, in the same direction. */
    private static final double SHIFT_MIN_CHANGE_VS_BASELINE = 0.4;
    /**
     * The level-shift test speaks only for a span expected to hold this many releases: below it a category's hours
     * come in packs of a few groups, wilder than the count model allows (in the suite, BLURAY and MVID at 35-55 a day
     * reached the threshold on quiet feeds over spans of 60-100 expected releases).
     */
    private static final double LEVEL_SHIFT_MIN_EXPECTED = 100;

    /** A subject as the hour left it, with the baseline it is judged against. */
    record View(SubjectState state, DailyBaseline baseline) {}

    private final DetectorSettings settings;
    private final AlertComposer composer;
    private final Contributors contributors;
    private final FeedWide feedWide;

    HourlyJudge(DetectorSettings settings, AlertComposer composer, Contributors contributors, FeedWide feedWide) {
        this.settings = settings;
        this.composer = composer;
        this.contributors = contributors;
        this.feedWide = feedWide;
    }

    void judge(
            View v,
            List<View> categories,
            LocalDate date,
            Instant end,
            List<Alert> alerts,
            Incident feed,
            GroupSilenceWatch watch) {
        SubjectState s = v.state;
        DailyBaseline b = v.baseline;
        if (!settings.earlyWarning() || b == null) {
            return;
        }
        double minScore = -Math.log10(settings.earlyMaxPValue());
        Deviation chosen = null;
        int chosenSpan = 0;
        boolean chosenShift = false;
        for (int k = settings.earlyMinHours(); k <= s.recentCount; k++) {
            double expected = expectedHours(s, k);
            if (Double.isNaN(expected)) {
                break;
            }
            long observed = observedHours(s, k);
            // a span without a single release is judged from a smaller expectation: "zero since N hours" is the
            // signature of a
            // broken source, and the count model (with the hourly dispersion) still decides whether the silence is
            // improbable
            if (expected
                    < (observed == 0
                            ? Math.min(settings.earlyZeroMinExpected(), settings.earlyMinExpected())
                            : settings.earlyMinExpected())) {
                continue;
            }
            double phi = Math.max(
                    settings.minDispersion(), b.dispersion() + Math.max(0, s.hourlyDispersion - b.dispersion()) / k);
            Deviation d = Deviation.of(observed, expected, phi);
            boolean shift = false;
            if (!d.exceeds(settings.direction(), settings.earlyMinRelativeChange(), minScore)) {
                d = s.scope == Scope.TOTAL ? againstPrecedingHours(s, b, k, observed, expected) : null;
                shift = true;
                if (d == null || !d.exceeds(settings.direction(), settings.earlyMinRelativeChange(), minScore)) {
                    continue;
                }
            }
            if (s.incident == null) {
                chosen = d;
                chosenSpan = k;
                chosenShift = shift;
                break;
            }
            if (d.direction() == s.incident.direction
                    && (chosen == null
                            || d.severity(minScore).ordinal()
                                    > chosen.severity(minScore).ordinal())) {
                chosen = d;
                chosenSpan = k;
                chosenShift = shift;
            }
        }
        if (chosen == null) {
            return;
        }
        Instant spanStart = end.minus(Duration.ofHours(chosenSpan));
        String baseline = b.describe(date, settings) + "; hour-of-day profile over the last " + chosenSpan + " hours"
                + (chosenShift
                        ? ", against the level of the " + (s.recentCount - chosenSpan) + " hours before them"
                        : "");
        if (s.incident != null) {
            if (chosen.severity(minScore).ordinal() > s.incident.severity.ordinal()) {
                s.incident.severity = chosen.severity(minScore);
                if (s.scope == Scope.TOTAL) {
                    feedWide.updateAffected(s.incident, categoryHourSpans(categories, chosenSpan), chosen.direction());
                }
                alerts.add(composer.firing(
                        s,
                        chosen,
                        Granularity.HOUR,
                        spanStart,
                        end,
                        baseline,
                        s.scope == Scope.TOTAL
                                ? contributors.missing(categoryHourSpans(categories, chosenSpan))
                                : silentGroups(s, chosen, watch, spanStart)));
            }
            return;
        }
        Incident.open(s, chosen, Granularity.HOUR, spanStart, date, b.expectedOn(date, settings), minScore, feed);
        List<Contributor> missing;
        if (s.scope == Scope.TOTAL) {
            List<Contributor> spans = categoryHourSpans(categories, chosenSpan);
            feedWide.updateAffected(s.incident, spans, chosen.direction());
            missing = contributors.missing(spans);
        } else {
            missing = silentGroups(s, chosen, watch, spanStart);
        }
        alerts.add(composer.firing(s, chosen, Granularity.HOUR, spanStart, end, baseline, missing));
        if (s.scope == Scope.TOTAL) {
            FeedWide.tagCategories(
                    s.incident, categories.stream().map(View::state).toList());
        }
    }

    /**
     * The level-shift test of a category (see {@link LevelShiftCusum}): opens a drop incident when the evidence
     * accumulated over the hours since the last incident, up to three days, reaches the threshold set by
     * {@code level-shift-arl-days}. It catches a sustained -40% that no single span of today is improbable enough for,
     * e.g. a drop that starts on a quiet weekend morning.
     */
    void judgeLevelShift(
            View v, LocalDate date, Instant end, List<Alert> alerts, Incident feed, GroupSilenceWatch watch) {
        SubjectState s = v.state;
        DailyBaseline b = v.baseline;
        if (s.scope != Scope.CATEGORY
                || s.incident != null
                || b == null
                || s.shiftCount == 0
                || !settings.direction().drops()) {
            return;
        }
        int[] days = new int[s.shiftCount];
        for (int i = 0; i < s.shiftCount; i++) {
            days[i] = (int) localDayOfHour(s.shiftEpochHours[i]);
        }
        LevelShiftCusum.Result r = LevelShiftCusum.judge(
                s.shiftHours,
                s.shiftExpected,
                days,
                s.shiftCount,
                1 - settings.levelShiftDrop(),
                b.dispersion(),
                Math.max(0, s.hourlyDispersion - b.dispersion()),
                settings.minDispersion());
        if (r.llr() < settings.levelShiftThreshold()
                || r.expected() < LEVEL_SHIFT_MIN_EXPECTED
                || r.observed() >= r.expected()) {
            return;
        }
        Deviation d = r.deviation();
        Instant spanStart = Instant.ofEpochSecond(s.shiftEpochHours[r.from()] * 3600L);
        LocalDate first = spanStart.atZone(settings.zone()).toLocalDate();
        double minScore = -Math.log10(settings.earlyMaxPValue());
        Incident.open(s, d, Granularity.HOUR, spanStart, first, b.expectedOn(date, settings), minScore, feed);
        s.flagIncidentSince(first.toEpochDay());
        s.shiftCount = 0;
        String baseline = b.describe(date, settings)
                + String.format(
                        Locale.ROOT,
                        "; level-shift test: %d hours at %.0f%% of the hour-of-day profile,"
                                + " log-likelihood ratio %.1f for a %.0f%% drop (threshold %.1f)",
                        Duration.between(spanStart, end).toHours(),
                        100.0 * r.observed() / r.expected(),
                        r.llr(),
                        100 * settings.levelShiftDrop(),
                        settings.levelShiftThreshold());
        alerts.add(composer.firing(
                s, d, Granularity.HOUR, spanStart, end, baseline, silentGroups(s, d, watch, spanStart)));
    }

    private long localDayOfHour(long epochHour) {
        return Instant.ofEpochSecond(epochHour * 3600L)
                .atZone(settings.zone())
                .toLocalDate()
                .toEpochDay();
    }

    /**
     * The second hourly test, for the whole feed: the last k hours against the level it ran at in the hours just before
     * them, instead of against the baseline. The baseline test must allow for the day-to-day swing of the whole level
     * (the daily dispersion), so a sudden halving on a day that had started busy can look like an ordinary quiet day;
     * measured against the preceding hours that swing cancels out, leaving only the hour-to-hour noise. It only counts
     * as a drop (or spike) when the span is also at least {@link #SHIFT_MIN_CHANGE_VS_BASELINE} off the baseline in the
     * same direction, so the end of a burst is not taken for a collapse. Only the feed is judged so: a single
     * category's hours swing far more within a day (its groups publish in packs), and there the test raised false
     * alerts in the scenario suite.
     *
     * @return the span judged against the preceding level, or null when there are too few preceding hours to tell
     */
    private Deviation againstPrecedingHours(SubjectState s, DailyBaseline b, int k, long observed, double expected) {
        int m = s.recentCount - k;
        if (m < SHIFT_MIN_PRECEDING_HOURS) {
            return null;
        }
        double expectedBefore = expectedHours(s, 0, m);
        long observedBefore = observedHours(s, 0, m);
        double vsBaseline = observed / expected - 1;
        if (Double.isNaN(expectedBefore)
                || expectedBefore < settings.earlyMinExpected()
                || observedBefore == 0
                || Math.abs(vsBaseline) < SHIFT_MIN_CHANGE_VS_BASELINE) {
            return null;
        }
        double hourNoise = Math.max(0, s.hourlyDispersion - b.dispersion());
        // the preceding level is itself estimated: its Poisson error (1 / observedBefore) is added to the hours' noise
        double phi = Math.max(settings.minDispersion(), hourNoise * (1.0 / k + 1.0 / m) + 1.0 / observedBefore);
        Deviation d = Deviation.of(observed, expected * observedBefore / expectedBefore, phi);
        return Math.signum(d.relativeChange()) == Math.signum(vsBaseline) ? d : null;
    }

    /** Expected releases of the last k hours; NaN when one of them had no expectation. */
    private static double expectedHours(SubjectState s, int k) {
        return expectedHours(s, s.recentCount - k, s.recentCount);
    }

    /**
     * Expected releases of the recent hours {@code [from, to)}, oldest first; NaN when one of them had no expectation.
     */
    private static double expectedHours(SubjectState s, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            if (Float.isNaN(s.recentExpected[i])) {
                return Double.NaN;
            }
            sum += s.recentExpected[i];
        }
        return sum;
    }

    private static long observedHours(SubjectState s, int k) {
        return observedHours(s, s.recentCount - k, s.recentCount);
    }

    private static long observedHours(SubjectState s, int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i++) {
            sum += s.recentHours[i];
        }
        return sum;
    }

    /**
     * For a category's hourly drop: its usual groups that have not released anything (in any category) since the span
     * began, each expected at its share of the span's expectation. Only groups the silence watch follows are known to
     * be silent hour by hour (per-group hourly counts per category are not kept: too much state for thousands of
     * groups); the smaller ones are named by the daily verdict.
     */
    private List<Contributor> silentGroups(SubjectState s, Deviation d, GroupSilenceWatch watch, Instant spanStart) {
        if (s.scope != Scope.CATEGORY || d.direction() != Direction.DROP) {
            return List.of();
        }
        return contributors.missingGroups(s, d.expected(), group -> {
            long lastSeen = watch.lastSeen(group);
            return lastSeen != Long.MIN_VALUE && lastSeen <= spanStart.toEpochMilli() ? 0 : Contributors.UNKNOWN;
        });
    }

    /** Each category's observed and expected releases over the last k hours, as contributors to the feed. */
    private static List<Contributor> categoryHourSpans(List<View> categories, int k) {
        List<Contributor> spans = new ArrayList<>();
        for (View c : categories) {
            if (c.state.recentCount >= k) {
                double e = expectedHours(c.state, k);
                if (!Double.isNaN(e)) {
                    spans.add(new Contributor(c.state.subject, e, observedHours(c.state, k)));
                }
            }
        }
        return spans;
    }
}
