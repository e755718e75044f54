package dev.releasewatch.detect;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.ClosedWindow;
import dev.releasewatch.avro.Contribution;
import dev.releasewatch.avro.Contributor;
import dev.releasewatch.avro.Direction;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.NukeCount;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.SubjectCount;
import dev.releasewatch.avro.WindowCount;

/**
 * The detector: turns each closed window into final counts and alert state changes.
 *
 * <p>All state lives in the {@link SubjectStore}; the engine holds nothing between calls, so a new engine on the same
 * store continues exactly where the old one stopped (and a Kafka Streams task whose transaction aborted, and whose
 * store was rolled back, cannot see stale memory).
 *
 * <p>How it decides:
 * <ul>
 *   <li><b>DAY windows</b> judge every subject's day, and the sums of its last 2..{@code max-span-days} days, against
 *   {@link DailyBaseline} with a negative-binomial test plus a relative threshold (groups use their own, stricter
 *   relative and
 *   looser probability thresholds, and need a minimum expected volume that only a group releasing every day reaches
 *   within 48 hours).</li>
 *   <li><b>HOUR windows</b> (early warning, categories and the feed) judge the last 2..24 hours: each hour's
 *   expectation is the
 *   day's expectation times the subject's learned share of that hour of day. The dispersion of a span of k hours is the
 *   day's dispersion plus the extra hourly dispersion divided by k: hours share the day's level but their own noise
 *   averages out.
 *   A span of the feed that is not improbable against the baseline is also judged against the level of the hours before
 *   it (the day-to-day
 *   swing cancels out there), when it is at least 40% off the baseline too: a halving that starts on a busy morning is
 *   seen
 *   within hours instead of at midnight.</li>
 *   <li><b>Lifecycle</b>: an incident opens FIRING, is announced again only when its severity rises, and resolves when
 *   a whole
 *   day is back within {@code resolve-relative-change} of the baseline (so an hour of catch-up after a gap cannot make
 *   it flap),
 *   or as a learned new level after {@code new-level-days}, or when an operator accepts the new normal. Days inside an
 *   open
 *   incident are flagged and kept out of the baseline.</li>
 *   <li><b>Feed-wide incidents</b>: when the feed drops, the categories that dropped over the same span are listed on
 *   the TOTAL
 *   alert; if they are at least {@code feed-wide-fraction} of the categories, the category and group alerts that open
 *   while it
 *   lasts carry the TOTAL alert's id, so an ops tool can page once for the whole collapse.</li>
 *   <li><b>Sources</b>: every HOUR window carries what each source sent ({@link SourceWatch}); a source that goes
 *   silent while the others continue opens a SOURCE-scope incident, resolved when it sends anything again, and every
 *   DROP FIRING alert is given its cause, SCENE, SOURCE or INGEST, with the evidence in its summary
 *   ({@link AlertCauses}).</li>
 * </ul>
 */
public final class DetectionEngine {

    private static final double HOURLY_DISPERSION_ALPHA = 0.02;
    /** Categories expecting fewer releases in a span are not counted when deciding whether a feed drop is feed-wide. */
    private static final double FEED_WIDE_MIN_EXPECTED = 5;
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
    /**
     * Dispersion a group is assumed to have until its history shows otherwise: groups publish in packs, and a few weeks
     * of a steady rhythm must not make two quiet days look impossible.
     */
    private static final double GROUP_PRIOR_DISPERSION = 0.1;
    /** The same for a category: the Poisson part of a small category's variance hides its over-dispersion for weeks. */
    private static final double CATEGORY_PRIOR_DISPERSION = 0.03;

    private final DetectorSettings settings;
    private final SubjectStore store;
    private final SubjectStates states;
    private final Contributors contributors;
    private final GroupSchedule schedule;
    private final AlertComposer composer;

    /**
     * @param settings the detector's parameters
     * @param store    where all state is kept; may already hold state from an earlier run
     */
    public DetectionEngine(DetectorSettings settings, SubjectStore store) {
        this(settings, store, false);
    }

    /**
     * @param everyGroupEveryDay load and judge every known group at every day close, as before groups were
     *                           scheduled ({@link GroupSchedule}); for the test that catching up changes nothing
     */
    DetectionEngine(DetectorSettings settings, SubjectStore store, boolean everyGroupEveryDay) {
        this.settings = settings;
        this.store = store;
        this.states = new SubjectStates(store, settings);
        this.contributors = new Contributors(settings);
        this.schedule = new GroupSchedule(store, settings, everyGroupEveryDay);
        this.composer = new AlertComposer(settings.zone());
    }

    /**
     * One window closed (counts summed over all input partitions; only subjects with count &gt; 0 are listed, absent =
     * 0). Windows must arrive in increasing {@code windowEnd}, HOUR windows before the DAY window with the same end.
     *
     * @return the final count of every subject the engine knows (zero-filled, with {@code expected} when a baseline
     *     exists) and
     *     the alert state changes, feed first, then categories, then groups
     */
    public WindowOutcome windowClosed(ClosedWindow window) {
        SubjectIndex.migrate(states, schedule);
        GroupSilenceWatch watch = GroupSilenceWatch.open(store, settings);
        return window.getGranularity() == Granularity.HOUR ? hourClosed(window, watch) : dayClosed(window, watch);
    }

    /**
     * Operator says: the current level of (scope, subject) is the new normal. Resolves its open alert with resolution
     * NEW_NORMAL_ACCEPTED and rebases the baseline on the days since the incident started (or the last week when none
     * is open).
     *
     * @param at       event time of the decision
     * @param operator who decided, quoted in the summary
     * @param reason   why, quoted in the summary; may be null
     * @return the RESOLVED alert, or nothing when no incident was open (the baseline is rebased either way)
     */
    public List<Alert> acceptNewNormal(Scope scope, String subject, Instant at, String operator, String reason) {
        SubjectIndex.migrate(states, schedule);
        String key = SubjectKeys.keyOf(scope, subject);
        SubjectState s = states.load(key);
        if (s == null) {
            return List.of();
        }
        long lastClosed = lastClosedDay();
        if (scope == Scope.GROUP && lastClosed != Long.MIN_VALUE) {
            // an idle group's zero days are applied first, and its next day is judged whatever its new baseline
            schedule.catchUp(s, lastClosed);
            schedule.dueBy(s, lastClosed + 1);
        }
        long from = s.incident != null ? s.incident.startDay : s.newestDay - 6;
        s.rebaseDay = from;
        s.clearIncidentFlagsSince(from);
        List<Alert> alerts = new ArrayList<>();
        if (s.incident != null) {
            DailyBaseline b = DailyBaseline.of(s, settings);
            LocalDate today = LocalDate.ofEpochDay(s.newestDay);
            double expected = b != null ? b.expectedOn(today, settings) : lastDay(s);
            alerts.add(composer.resolved(
                    s,
                    lastDay(s),
                    expected,
                    Granularity.DAY,
                    at,
                    at,
                    b != null ? b.describe(today, settings) : "",
                    AlertComposer.NEW_NORMAL_ACCEPTED,
                    reason == null || reason.isBlank() ? operator : operator + " (" + reason.strip() + ")"));
            s.incident = null;
        }
        states.save(key, s);
        if (scope == Scope.GROUP) {
            GroupSilenceWatch.open(store, settings).accepted(subject, at.toEpochMilli());
        }
        return alerts;
    }

    // ---------------------------------------------------------------- hours

    private record HourView(SubjectState state, DailyBaseline baseline) {}

    private WindowOutcome hourClosed(ClosedWindow w, GroupSilenceWatch watch) {
        Instant start = w.getWindowStart();
        Instant end = w.getWindowEnd();
        ZonedDateTime local = start.atZone(settings.zone());
        LocalDate date = local.toLocalDate();
        int hour = local.getHour();
        long epochHour = Math.floorDiv(start.toEpochMilli(), Duration.ofHours(1).toMillis());
        boolean quiet = settings.isQuiet(date);

        Map<String, Long> counts = new HashMap<>();
        for (SubjectCount c : w.getCounts()) {
            if (c.getScope() != Scope.GROUP && c.getCount() > 0) {
                counts.merge(SubjectKeys.keyOf(c.getScope(), c.getSubject()), c.getCount(), Long::sum);
            }
        }
        Map<String, long[]> nukes = nukesOf(w, false);
        for (SubjectCount c : w.getCounts()) {
            if (c.getScope() == Scope.GROUP && c.getCount() > 0) {
                watch.released(c.getSubject(), start.toEpochMilli(), end.toEpochMilli());
            }
        }
        List<WindowCount> out = new ArrayList<>();
        HourView total = null;
        List<HourView> categories = new ArrayList<>();
        Map<String, SubjectState> loaded = loadWith(List.of(Scope.CATEGORY, Scope.TOTAL), counts, nukes);
        DailyBaseline feedBaseline = feedBaseline(loaded);
        for (var entry : loaded.entrySet()) {
            String key = entry.getKey();
            SubjectState s = entry.getValue();
            Scope scope = s.scope;
            DailyBaseline b = baselineOf(s, feedBaseline);
            int count = counts.getOrDefault(key, 0L).intValue();
            float expected = Float.NaN;
            if (b != null && s.hourProfileReady()) {
                expected = (float) (b.expectedOn(date, settings) * s.hourShare(hour));
            }
            boolean learn = s.incident == null && !quiet;
            if (learn && expected >= 0.5f) {
                double d = count - expected;
                double term = Math.max(-1, Math.min(10, (d * d - expected) / ((double) expected * expected)));
                s.hourlyDispersion += (float) (HOURLY_DISPERSION_ALPHA * (term - s.hourlyDispersion));
            }
            s.appendHour(epochHour, count, expected);
            if (s.scope == Scope.CATEGORY) {
                if (s.incident != null || Float.isNaN(expected) || quiet) {
                    // a quiet date's expectation is a rough guess, and the days around it are unusual too
                    s.shiftCount = 0;
                } else {
                    s.appendShiftHour(count, expected, epochHour);
                }
            }
            if (learn) {
                s.learnHour(hour, count);
            }
            double hourPhi = b == null
                    ? 0
                    : Math.max(
                            settings.minDispersion(),
                            b.dispersion() + Math.max(0, s.hourlyDispersion - b.dispersion()));
            out.add(count(
                    s,
                    Granularity.HOUR,
                    start,
                    end,
                    count,
                    Float.isNaN(expected) ? null : (double) expected,
                    hourPhi,
                    nukes.get(key)));
            HourView v = new HourView(s, b);
            if (scope == Scope.TOTAL) {
                total = v;
            } else {
                categories.add(v);
            }
        }
        List<Alert> alerts = new ArrayList<>();
        Incident feedIncident = null;
        if (total != null) {
            judgeHours(total, categories, date, end, alerts, null, watch);
            feedIncident = total.state.incident;
        }
        for (HourView v : categories) {
            judgeHours(v, List.of(), date, end, alerts, feedIncident, watch);
            judgeLevelShift(v, date, end, alerts, feedIncident, watch);
        }
        if (total != null) {
            states.save(SubjectKeys.keyOf(Scope.TOTAL, "*"), total.state);
        }
        for (HourView v : categories) {
            states.save(SubjectKeys.keyOf(v.state.scope, v.state.subject), v.state);
        }
        judgeSilences(watch, end, date, feedBaseline, feedIncident, alerts);
        SourceWatch sources = SourceWatch.load(store);
        sources.hourClosed(epochHour, w.getSources());
        for (SourceWatch.Return r : sources.returns()) {
            alerts.add(AlertCauses.back(r, start, end));
        }
        for (SourceWatch.Silence s : sources.silences()) {
            Alert a = AlertCauses.silent(s, end);
            sources.opened(s, a.getAlertId());
            alerts.add(a);
        }
        sources.saveIfChanged(store);
        return new WindowOutcome(out, AlertCauses.classify(alerts, sources));
    }

    /**
     * Opens an incident for each watched group whose silence became alarming with this hour (see {@link
     * GroupSilenceWatch}).
     */
    private void judgeSilences(
            GroupSilenceWatch watch,
            Instant end,
            LocalDate date,
            DailyBaseline feedBaseline,
            Incident feed,
            List<Alert> alerts) {
        double minScore = -Math.log10(settings.groupSilenceMaxPValue());
        for (GroupSilenceWatch.Silence silence : watch.alarming(end.toEpochMilli(), date)) {
            String key = SubjectKeys.keyOf(Scope.GROUP, silence.group());
            SubjectState s = states.load(key);
            if (s == null || s.incident != null) {
                watch.incidentOpened(silence.group());
                continue;
            }
            // a watched group is loaded at every day close, so it has no zero days to catch up; with an incident it
            // must be judged at the next one
            schedule.dueBy(s, date.toEpochDay());
            DailyBaseline b = baselineOf(s, feedBaseline);
            Deviation d = Deviation.of(0, silence.expected(), silence.dispersion());
            Instant since = Instant.ofEpochMilli(silence.since());
            LocalDate first = since.atZone(settings.zone()).toLocalDate();
            open(s, d, Granularity.HOUR, since, first, b == null ? null : b.expectedOn(date, settings), minScore, feed);
            s.flagIncidentSince(first.toEpochDay());
            String baseline = (b == null ? "" : b.describe(date, settings) + "; ")
                    + String.format(
                            Locale.ROOT,
                            "silent for %.0f expected releases, longest usual silence %.0f",
                            silence.expected(),
                            silence.longest());
            alerts.add(composer.firing(s, d, Granularity.HOUR, since, end, baseline, List.of()));
            watch.incidentOpened(silence.group());
            states.save(key, s);
        }
    }

    private void judgeHours(
            HourView v,
            List<HourView> categories,
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
                    updateAffected(s.incident, categoryHourSpans(categories, chosenSpan), chosen.direction());
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
        open(s, chosen, Granularity.HOUR, spanStart, date, b.expectedOn(date, settings), minScore, feed);
        List<Contributor> missing;
        if (s.scope == Scope.TOTAL) {
            List<Contributor> spans = categoryHourSpans(categories, chosenSpan);
            updateAffected(s.incident, spans, chosen.direction());
            missing = contributors.missing(spans);
        } else {
            missing = silentGroups(s, chosen, watch, spanStart);
        }
        alerts.add(composer.firing(s, chosen, Granularity.HOUR, spanStart, end, baseline, missing));
        if (s.scope == Scope.TOTAL) {
            tagCategories(s.incident, categories.stream().map(HourView::state).toList());
        }
    }

    /**
     * The level-shift test of a category (see {@link LevelShiftCusum}): opens a drop incident when the evidence
     * accumulated over the hours since the last incident, up to three days, reaches the threshold set by
     * {@code level-shift-arl-days}. It catches a sustained -40% that no single span of today is improbable enough for,
     * e.g. a drop that starts on a quiet weekend morning.
     */
    private void judgeLevelShift(
            HourView v, LocalDate date, Instant end, List<Alert> alerts, Incident feed, GroupSilenceWatch watch) {
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
        open(s, d, Granularity.HOUR, spanStart, first, b.expectedOn(date, settings), minScore, feed);
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
    private static List<Contributor> categoryHourSpans(List<HourView> categories, int k) {
        List<Contributor> spans = new ArrayList<>();
        for (HourView c : categories) {
            if (c.state.recentCount >= k) {
                double e = expectedHours(c.state, k);
                if (!Double.isNaN(e)) {
                    spans.add(new Contributor(c.state.subject, e, observedHours(c.state, k)));
                }
            }
        }
        return spans;
    }

    // ---------------------------------------------------------------- days

    private record DayView(String key, SubjectState state, DailyBaseline baseline, long observed, Double expected) {}

    private WindowOutcome dayClosed(ClosedWindow w, GroupSilenceWatch watch) {
        Instant start = w.getWindowStart();
        Instant end = w.getWindowEnd();
        LocalDate date = start.atZone(settings.zone()).toLocalDate();
        long day = date.toEpochDay();
        boolean quiet = settings.isQuiet(date);

        Map<String, Long> counts = new HashMap<>();
        for (SubjectCount c : w.getCounts()) {
            if (c.getCount() > 0) {
                counts.merge(SubjectKeys.keyOf(c.getScope(), c.getSubject()), c.getCount(), Long::sum);
            }
        }
        Map<String, long[]> nukes = nukesOf(w, true);
        Map<String, Map<String, Long>> contributions = new HashMap<>();
        for (Contribution c : w.getContributions()) {
            contributions
                    .computeIfAbsent(c.getCategory(), x -> new HashMap<>())
                    .merge(c.getGroup(), c.getCount(), Long::sum);
        }

        List<WindowCount> out = new ArrayList<>();
        DayView total = null;
        List<DayView> categories = new ArrayList<>();
        List<DayView> groups = new ArrayList<>();
        Map<String, SubjectState> loaded = loadWith(List.of(Scope.CATEGORY, Scope.TOTAL), counts, nukes);
        loadDueGroups(day, loaded);
        for (SubjectState s : loaded.values()) {
            if (s.scope == Scope.GROUP) {
                schedule.catchUp(s, day - 1);
            }
        }
        DailyBaseline feedBaseline = feedBaseline(loaded);
        double[] prior = feedBaseline != null ? feedBaseline.weekdayFactors() : DailyBaseline.FLAT_WEEK;
        for (var entry : loaded.entrySet()) {
            String key = entry.getKey();
            SubjectState s = entry.getValue();
            DailyBaseline b = baselineOf(s, feedBaseline);
            Double expected = b == null ? null : b.expectedOn(date, settings);
            long observed = counts.getOrDefault(key, 0L);
            s.appendDay(day, (int) Math.min(Integer.MAX_VALUE, observed), quiet ? SubjectState.FLAG_QUIET : 0);
            out.add(count(
                    s,
                    Granularity.DAY,
                    start,
                    end,
                    observed,
                    expected,
                    b == null ? 0 : b.dispersion(),
                    nukes.get(key)));
            DayView v = new DayView(key, s, b, observed, expected);
            switch (s.scope) {
                case TOTAL -> total = v;
                case CATEGORY -> categories.add(v);
                default -> groups.add(v);
            }
        }

        Set<String> openBefore = new HashSet<>();
        for (DayView v : groups) {
            if (v.state.incident != null) {
                openBefore.add(v.key);
            }
        }
        List<Alert> alerts = new ArrayList<>();
        Incident feed = null;
        if (total != null) {
            judgeDay(total, categories, Map.of(), date, start, end, alerts, null);
            feed = total.state.incident;
        }
        for (DayView v : categories) {
            judgeDay(
                    v,
                    List.of(),
                    contributions.getOrDefault(v.state.subject, Map.of()),
                    date,
                    start,
                    end,
                    alerts,
                    feed);
        }
        for (DayView v : groups) {
            judgeDay(v, List.of(), Map.of(), date, start, end, alerts, feed);
        }

        List<DayView> all = new ArrayList<>(groups.size() + categories.size() + 1);
        if (total != null) {
            all.add(total);
        }
        all.addAll(categories);
        all.addAll(groups);
        for (DayView v : all) {
            SubjectState s = v.state;
            s.flagNewestDay(SubjectState.FLAG_INCIDENT, s.incident != null);
            if (s.scope == Scope.CATEGORY && s.incident == null && !quiet) {
                Contributors.learn(s, contributions.getOrDefault(s.subject, Map.of()));
            }
            boolean silentTooLong =
                    s.lastActiveDay == Long.MIN_VALUE || day - s.lastActiveDay >= settings.forgetAfterDays();
            if (s.scope != Scope.TOTAL && s.incident == null && silentTooLong) {
                states.delete(v.key);
                if (s.scope == Scope.GROUP) {
                    schedule.unschedule(s);
                    watch.forget(s.subject);
                }
            } else {
                if (s.scope == Scope.GROUP) {
                    schedule.schedule(s, day, prior);
                }
                states.save(v.key, s);
                if (s.scope == Scope.GROUP) {
                    Instant lastActive = s.lastActiveDay == Long.MIN_VALUE
                            ? start
                            : LocalDate.ofEpochDay(s.lastActiveDay + 1)
                                    .atStartOfDay(settings.zone())
                                    .toInstant();
                    // an incident that ended today may have moved the baseline (new level learned)
                    DailyBaseline current =
                            openBefore.contains(v.key) && s.incident == null ? baselineOf(s, feedBaseline) : v.baseline;
                    watch.dayClosed(s.subject, current, date, s.incident != null, lastActive);
                }
            }
        }
        return new WindowOutcome(out, AlertCauses.classify(alerts, SourceWatch.load(store)));
    }

    private void judgeDay(
            DayView v,
            List<DayView> categories,
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
            open(s, d, Granularity.DAY, spanStart, first, v.expected, minScore, feed);
            List<Contributor> missing = List.of();
            if (s.scope == Scope.TOTAL) {
                List<Contributor> spans = categoryDaySpans(categories, date, k);
                updateAffected(s.incident, spans, d.direction());
                missing = contributors.missing(spans);
            } else if (s.scope == Scope.CATEGORY && d.direction() == Direction.DROP) {
                missing = contributors.missingGroups(s, groupCounts, v.expected);
            }
            alerts.add(composer.firing(s, d, Granularity.DAY, spanStart, end, b.describe(date, settings), missing));
            if (s.scope == Scope.TOTAL) {
                tagCategories(
                        s.incident, categories.stream().map(DayView::state).toList());
            }
            return;
        }
    }

    private void judgeOpenIncident(
            DayView v,
            List<DayView> categories,
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
                updateAffected(inc, spans, d.direction());
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

    private List<Contributor> categoryDaySpans(List<DayView> categories, LocalDate date, int k) {
        List<Contributor> spans = new ArrayList<>();
        for (DayView c : categories) {
            if (c.baseline != null && c.state.dayCount >= k) {
                spans.add(
                        new Contributor(c.state.subject, expectedDays(c.baseline, date, k), observedDays(c.state, k)));
            }
        }
        return spans;
    }

    // ---------------------------------------------------------------- incidents and contributors

    private void open(
            SubjectState s,
            Deviation d,
            Granularity granularity,
            Instant spanStart,
            LocalDate startDate,
            Double expectedDaily,
            double minScore,
            Incident feed) {
        Incident inc = new Incident();
        inc.direction = d.direction();
        inc.alertId = Incident.idFor(s.scope.name(), s.subject, inc.direction, spanStart);
        inc.severity = d.severity(minScore);
        inc.granularity = granularity;
        inc.startMillis = spanStart.toEpochMilli();
        inc.startDay = startDate.toEpochDay();
        inc.expectedDaily = expectedDaily == null ? 0 : expectedDaily;
        if (feed != null && feed.feedWide && feed.direction == inc.direction && s.scope != Scope.TOTAL) {
            inc.incidentId = feed.alertId;
        }
        s.incident = inc;
    }

    /** Records on a TOTAL incident which categories moved with it, and whether that is most of them. */
    private void updateAffected(Incident inc, List<Contributor> spans, Direction direction) {
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
    private static void tagCategories(Incident feed, List<SubjectState> categories) {
        if (!feed.feedWide) {
            return;
        }
        for (SubjectState c : categories) {
            if (c.incident != null && c.incident.direction == feed.direction && feed.affected.contains(c.subject)) {
                c.incident.incidentId = feed.alertId;
            }
        }
    }

    // ---------------------------------------------------------------- baselines and storage

    /** The feed's baseline, whose weekday factors are every other subject's prior; null before the feed has one. */
    private DailyBaseline feedBaseline(Map<String, SubjectState> states) {
        SubjectState feed = states.get(SubjectKeys.keyOf(Scope.TOTAL, "*"));
        return feed == null
                ? null
                : DailyBaseline.of(
                        feed, settings, DailyBaseline.FLAT_WEEK, CATEGORY_PRIOR_DISPERSION, settings.maxSpanDays() - 1);
    }

    private DailyBaseline baselineOf(SubjectState s, DailyBaseline feed) {
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

    /** Adds the groups due by {@code day} (see {@link GroupSchedule}) that are not loaded yet. */
    private void loadDueGroups(long day, Map<String, SubjectState> loaded) {
        for (var due : schedule.dueBy(day).entrySet()) {
            String key = SubjectKeys.keyOf(Scope.GROUP, due.getKey());
            if (!loaded.containsKey(key)) {
                SubjectState s = states.load(key);
                if (s == null) {
                    schedule.dropStale(due.getKey(), due.getValue());
                } else {
                    loaded.put(key, s);
                }
            }
        }
    }

    /**
     * The stored subjects of {@code scopes}, and those with a count or nukes in the window (created when new), in key
     * order: groups are listed only so, or when due ({@link #loadDueGroups}), never all of them.
     */
    private Map<String, SubjectState> loadWith(
            List<Scope> scopes, Map<String, Long> counts, Map<String, long[]> nukes) {
        Map<String, SubjectState> loaded = new TreeMap<>();
        for (Scope scope : scopes) {
            loaded.putAll(states.loadScope(scope));
        }
        for (String key : counts.keySet()) {
            loaded.computeIfAbsent(key, states::loadOrCreate);
        }
        for (String key : nukes.keySet()) {
            loaded.computeIfAbsent(key, states::loadOrCreate);
        }
        return loaded;
    }

    /** The last local day closed: the feed's newest day; {@link Long#MIN_VALUE} before any. */
    private long lastClosedDay() {
        SubjectState feed = states.load(SubjectKeys.keyOf(Scope.TOTAL, "*"));
        return feed == null ? Long.MIN_VALUE : feed.newestDay;
    }

    /**
     * Nuke and unnuke counts per subject key; a subject with nukes but no release yet is registered, so its nukes
     * are published too.
     */
    private static Map<String, long[]> nukesOf(ClosedWindow w, boolean withGroups) {
        Map<String, long[]> nukes = new HashMap<>();
        for (NukeCount n : w.getNukes()) {
            if (withGroups || n.getScope() != Scope.GROUP) {
                String key = SubjectKeys.keyOf(n.getScope(), n.getSubject());
                long[] sum = nukes.computeIfAbsent(key, k -> new long[2]);
                sum[0] += n.getNukes();
                sum[1] += n.getUnnukes();
            }
        }
        return nukes;
    }

    /**
     * The published count of one window, with the band of ordinary counts around the expectation: two standard
     * deviations of the count model the window was judged with ({@code dispersion}), so a chart shows how far from
     * expected a count may stray before it starts to look improbable.
     */
    private static WindowCount count(
            SubjectState s,
            Granularity g,
            Instant start,
            Instant end,
            long count,
            Double expected,
            double dispersion,
            long[] nukes) {
        Double low = null;
        Double high = null;
        if (expected != null && expected > 0 && dispersion >= 0) {
            double spread = 2 * new NegativeBinomial(expected, dispersion).standardDeviation();
            low = Math.max(0, expected - spread);
            high = expected + spread;
        }
        return WindowCount.newBuilder()
                .setLow(low)
                .setHigh(high)
                .setNukes(nukes == null ? 0 : nukes[0])
                .setUnnukes(nukes == null ? 0 : nukes[1])
                .setScope(s.scope)
                .setSubject(s.subject)
                .setGranularity(g)
                .setWindowStart(start)
                .setWindowEnd(end)
                .setCount(count)
                .setExpected(expected)
                .build();
    }

    private static long lastDay(SubjectState s) {
        return s.dayCount > 0 ? s.days[s.dayCount - 1] : 0;
    }
}
