package dev.releasewatch.detect;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.Contributor;
import dev.releasewatch.avro.Direction;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;

/**
 * The daily judge of every loaded subject: the day and the sums of its last 2..{@code max-span-days} days
 * ({@code group-max-span-days} for groups) against its {@link DailyBaseline}, and the lifecycle of an open incident
 * (recovered, escalated, or a new level learned after {@code new-level-days}).
 */
final class DailyJudge {

    /** A subject with its day appended, the baseline it is judged against and its day's count and expectation. */
    record View(String key, SubjectState state, DailyBaseline baseline, long observed, Double expected) {}

    private final DetectorSettings settings;
    private final AlertComposer composer;
    private final Contributors contributors;
    private final FeedWide feedWide;

    DailyJudge(DetectorSettings settings, AlertComposer composer, Contributors contributors, FeedWide feedWide) {
        this.settings = settings;
        this.composer = composer;
        this.contributors = contributors;
        this.feedWide = feedWide;
    }

    void judge(
            View v,
            List<View> categories,
            Map<String, Long> groupCounts,
            LocalDate date,
            Instant start,
            Instant end,
            List<Alert> alerts,
            Incident feed) {
        SubjectState s = v.state;
        DailyBaseline b = v.baseline;
        boolean group = s.scope == Scope.GROUP;
        double minScore = -Math.log10(group ? settings.groupMaxPValue() : settings.maxPValue());
        double minRelative = group ? settings.groupMinRelativeChange() : settings.minRelativeChange();
        if (s.incident != null) {
            judgeOpenIncident(v, categories, groupCounts, date, start, end, alerts, minScore, minRelative);
            return;
        }
        if (b == null || group && b.level() < settings.groupMinDailyRate()) {
            return;
        }
        double minExpected = group ? settings.minExpectedGroup() : settings.minExpectedDaily();
        int maxSpan = group ? settings.groupMaxSpanDays() : settings.maxSpanDays();
        for (int k = 1; k <= maxSpan && k <= s.dayCount; k++) {
            if (k > 1 && (s.dayFlags[s.dayCount - k] & SubjectState.FLAG_INCIDENT) != 0) {
                break;
            }
            double expected = expectedDays(b, date, k);
            if (expected < minExpected) {
                continue;
            }
            // phi / sqrt(k), not phi / k: a group's slow days come in runs, so k days are not k independent draws
            Deviation d = Deviation.of(observedDays(s, k), expected, b.dispersion() / Math.sqrt(k));
            if (!d.exceeds(settings.direction(), minRelative, minScore)) {
                continue;
            }
            LocalDate first = date.minusDays(k - 1);
            Instant spanStart = first.atStartOfDay(settings.zone()).toInstant();
            Incident.open(s, d, Granularity.DAY, spanStart, first, v.expected, minScore, feed);
            List<Contributor> missing = List.of();
            if (s.scope == Scope.TOTAL) {
                List<Contributor> spans = categoryDaySpans(categories, date, k);
                feedWide.updateAffected(s.incident, spans, d.direction());
                missing = contributors.missing(spans);
            } else if (s.scope == Scope.CATEGORY && d.direction() == Direction.DROP) {
                missing = contributors.missingGroups(s, groupCounts, v.expected);
            }
            alerts.add(composer.firing(s, d, Granularity.DAY, spanStart, end, b.describe(date, settings), missing));
            if (s.scope == Scope.TOTAL) {
                FeedWide.tagCategories(
                        s.incident, categories.stream().map(View::state).toList());
            }
            return;
        }
    }

    private void judgeOpenIncident(
            View v,
            List<View> categories,
            Map<String, Long> groupCounts,
            LocalDate date,
            Instant start,
            Instant end,
            List<Alert> alerts,
            double minScore,
            double minRelative) {
        SubjectState s = v.state;
        Incident inc = s.incident;
        long age = date.toEpochDay() - inc.startDay + 1;
        if (age >= settings.newLevelDays()) {
            s.rebaseDay = inc.startDay;
            s.clearIncidentFlagsSince(inc.startDay);
            DailyBaseline rebased = DailyBaseline.of(s, settings);
            double level = rebased != null ? rebased.expectedOn(date, settings) : v.observed;
            alerts.add(composer.resolved(
                    s,
                    v.observed,
                    level,
                    Granularity.DAY,
                    start,
                    end,
                    rebased != null ? rebased.describe(date, settings) : "",
                    AlertComposer.NEW_LEVEL_LEARNED,
                    null));
            s.incident = null;
            return;
        }
        if (v.expected == null || v.expected <= 0) {
            return;
        }
        double resolveWithin =
                s.scope == Scope.GROUP ? settings.groupResolveRelativeChange() : settings.resolveRelativeChange();
        double ratio = v.observed / v.expected;
        boolean back = inc.direction == Direction.DROP ? ratio >= 1 - resolveWithin : ratio <= 1 + resolveWithin;
        if (back) {
            alerts.add(composer.resolved(
                    s,
                    v.observed,
                    v.expected,
                    Granularity.DAY,
                    start,
                    end,
                    v.baseline.describe(date, settings),
                    AlertComposer.RECOVERED,
                    null));
            s.incident = null;
            return;
        }
        Deviation d = Deviation.of(v.observed, v.expected, v.baseline.dispersion());
        if (d.exceeds(settings.direction(), minRelative, minScore)
                && d.direction() == inc.direction
                && d.severity(minScore).ordinal() > inc.severity.ordinal()) {
            inc.severity = d.severity(minScore);
            List<Contributor> missing = List.of();
            if (s.scope == Scope.TOTAL) {
                List<Contributor> spans = categoryDaySpans(categories, date, 1);
                feedWide.updateAffected(inc, spans, d.direction());
                missing = contributors.missing(spans);
            } else if (s.scope == Scope.CATEGORY && d.direction() == Direction.DROP) {
                missing = contributors.missingGroups(s, groupCounts, v.expected);
            }
            alerts.add(
                    composer.firing(s, d, Granularity.DAY, start, end, v.baseline.describe(date, settings), missing));
        }
    }

    private double expectedDays(DailyBaseline b, LocalDate date, int k) {
        double sum = 0;
        for (int j = 0; j < k; j++) {
            sum += b.expectedOn(date.minusDays(j), settings);
        }
        return sum;
    }

    private static long observedDays(SubjectState s, int k) {
        long sum = 0;
        for (int i = s.dayCount - k; i < s.dayCount; i++) {
            sum += s.days[i];
        }
        return sum;
    }

    private List<Contributor> categoryDaySpans(List<View> categories, LocalDate date, int k) {
        List<Contributor> spans = new ArrayList<>();
        for (View c : categories) {
            if (c.baseline != null && c.state.dayCount >= k) {
                spans.add(
                        new Contributor(c.state.subject, expectedDays(c.baseline, date, k), observedDays(c.state, k)));
            }
        }
        return spans;
    }
}
