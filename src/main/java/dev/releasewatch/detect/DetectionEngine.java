package dev.releasewatch.detect;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.ClosedWindow;
import dev.releasewatch.avro.Contribution;
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
 * store was rolled back, cannot see stale memory). Every store value is bounded whatever the number of subjects (one
 * entry per subject, {@link SubjectStates}; one per watched group, {@link GroupSilenceWatch}; a category keeps its top
 * groups, {@link Contributors}), and a window costs what its active subjects cost: the feed and the categories are
 * loaded at every window, a group only when it released, is nuked, or is due ({@link GroupSchedule}).
 *
 * <p>The engine is the façade over one concept per class: the hourly judge ({@link HourlyJudge}) and the group silences
 * ({@link SilenceJudge}), the daily judge ({@link DailyJudge}), feed-wide attribution ({@link FeedWide}), the missing
 * contributors ({@link Contributors}), baselines ({@link Baselines}) and the store access ({@link SubjectStates},
 * {@link GroupSchedule}). It does not assume it sees every group: an engine given a share of the groups (plus the feed,
 * the categories and the sources) judges that share exactly as one engine would.
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
    private final DetectorSettings settings;
    private final SubjectStore store;
    private final SubjectStates states;
    private final GroupSchedule schedule;
    private final AlertComposer composer;
    private final Baselines baselines;
    private final HourlyJudge hourly;
    private final DailyJudge daily;
    private final SilenceJudge silences;

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
        this.schedule = new GroupSchedule(store, settings, everyGroupEveryDay);
        this.composer = new AlertComposer(settings.zone());
        this.baselines = new Baselines(settings);
        Contributors contributors = new Contributors(settings);
        FeedWide feedWide = new FeedWide(settings);
        this.hourly = new HourlyJudge(settings, composer, contributors, feedWide);
        this.daily = new DailyJudge(settings, composer, contributors, feedWide);
        this.silences = new SilenceJudge(settings, states, schedule, baselines, composer);
    }

    /**
     * One window closed (counts summed over all input partitions; only subjects with count &gt; 0 are listed, absent =
     * 0). Windows must arrive in increasing {@code windowEnd}, HOUR windows before the DAY window with the same end.
     *
     * @return the final counts (with {@code expected} when a baseline exists) and the alert state changes, feed first,
     *     then categories, then groups. Zero-filled: the feed and every known category at every window; a group at a
     *     DAY window when it released or was nuked that day, or when it is loaded anyway (open incident, level that may
     *     be judged, last day before it is forgotten, see {@link GroupSchedule}). An idle small group gets no count for
     *     its days without releases: a missing group count is 0. Groups get no HOUR counts.
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
        long lastClosed = states.lastClosedDay();
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
        HourlyJudge.View total = null;
        List<HourlyJudge.View> categories = new ArrayList<>();
        Map<String, SubjectState> loaded = states.loadWith(List.of(Scope.CATEGORY, Scope.TOTAL), counts, nukes);
        DailyBaseline feedBaseline = baselines.feed(loaded);
        for (var entry : loaded.entrySet()) {
            String key = entry.getKey();
            SubjectState s = entry.getValue();
            Scope scope = s.scope;
            DailyBaseline b = baselines.of(s, feedBaseline);
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
            out.add(PublishedCount.of(
                    s,
                    Granularity.HOUR,
                    start,
                    end,
                    count,
                    Float.isNaN(expected) ? null : (double) expected,
                    hourPhi,
                    nukes.get(key)));
            HourlyJudge.View v = new HourlyJudge.View(s, b);
            if (scope == Scope.TOTAL) {
                total = v;
            } else {
                categories.add(v);
            }
        }
        List<Alert> alerts = new ArrayList<>();
        Incident feedIncident = null;
        if (total != null) {
            hourly.judge(total, categories, date, end, alerts, null, watch);
            feedIncident = total.state().incident;
        }
        for (HourlyJudge.View v : categories) {
            hourly.judge(v, List.of(), date, end, alerts, feedIncident, watch);
            hourly.judgeLevelShift(v, date, end, alerts, feedIncident, watch);
        }
        if (total != null) {
            states.save(SubjectKeys.keyOf(Scope.TOTAL, "*"), total.state());
        }
        for (HourlyJudge.View v : categories) {
            states.save(SubjectKeys.keyOf(v.state().scope, v.state().subject), v.state());
        }
        silences.judge(watch, end, date, feedBaseline, feedIncident, alerts);
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

    // ---------------------------------------------------------------- days

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
        DailyJudge.View total = null;
        List<DailyJudge.View> categories = new ArrayList<>();
        List<DailyJudge.View> groups = new ArrayList<>();
        Map<String, SubjectState> loaded = states.loadWith(List.of(Scope.CATEGORY, Scope.TOTAL), counts, nukes);
        schedule.loadDue(day, states, loaded);
        for (SubjectState s : loaded.values()) {
            if (s.scope == Scope.GROUP) {
                schedule.catchUp(s, day - 1);
            }
        }
        DailyBaseline feedBaseline = baselines.feed(loaded);
        double[] prior = feedBaseline != null ? feedBaseline.weekdayFactors() : DailyBaseline.FLAT_WEEK;
        for (var entry : loaded.entrySet()) {
            String key = entry.getKey();
            SubjectState s = entry.getValue();
            DailyBaseline b = baselines.of(s, feedBaseline);
            Double expected = b == null ? null : b.expectedOn(date, settings);
            long observed = counts.getOrDefault(key, 0L);
            s.appendDay(day, (int) Math.min(Integer.MAX_VALUE, observed), quiet ? SubjectState.FLAG_QUIET : 0);
            out.add(PublishedCount.of(
                    s,
                    Granularity.DAY,
                    start,
                    end,
                    observed,
                    expected,
                    b == null ? 0 : b.dispersion(),
                    nukes.get(key)));
            DailyJudge.View v = new DailyJudge.View(key, s, b, observed, expected);
            switch (s.scope) {
                case TOTAL -> total = v;
                case CATEGORY -> categories.add(v);
                default -> groups.add(v);
            }
        }

        Set<String> openBefore = new HashSet<>();
        for (DailyJudge.View v : groups) {
            if (v.state().incident != null) {
                openBefore.add(v.key());
            }
        }
        List<Alert> alerts = new ArrayList<>();
        Incident feed = null;
        if (total != null) {
            daily.judge(total, categories, Map.of(), date, start, end, alerts, null);
            feed = total.state().incident;
        }
        for (DailyJudge.View v : categories) {
            daily.judge(
                    v,
                    List.of(),
                    contributions.getOrDefault(v.state().subject, Map.of()),
                    date,
                    start,
                    end,
                    alerts,
                    feed);
        }
        for (DailyJudge.View v : groups) {
            daily.judge(v, List.of(), Map.of(), date, start, end, alerts, feed);
        }

        List<DailyJudge.View> all = new ArrayList<>(groups.size() + categories.size() + 1);
        if (total != null) {
            all.add(total);
        }
        all.addAll(categories);
        all.addAll(groups);
        for (DailyJudge.View v : all) {
            SubjectState s = v.state();
            s.flagNewestDay(SubjectState.FLAG_INCIDENT, s.incident != null);
            if (s.scope == Scope.CATEGORY && s.incident == null && !quiet) {
                Contributors.learn(s, contributions.getOrDefault(s.subject, Map.of()));
            }
            boolean silentTooLong =
                    s.lastActiveDay == Long.MIN_VALUE || day - s.lastActiveDay >= settings.forgetAfterDays();
            if (s.scope != Scope.TOTAL && s.incident == null && silentTooLong) {
                states.delete(v.key());
                if (s.scope == Scope.GROUP) {
                    schedule.unschedule(s);
                    watch.forget(s.subject);
                }
            } else {
                if (s.scope == Scope.GROUP) {
                    schedule.schedule(s, day, prior);
                }
                states.save(v.key(), s);
                if (s.scope == Scope.GROUP) {
                    Instant lastActive = s.lastActiveDay == Long.MIN_VALUE
                            ? start
                            : LocalDate.ofEpochDay(s.lastActiveDay + 1)
                                    .atStartOfDay(settings.zone())
                                    .toInstant();
                    // an incident that ended today may have moved the baseline (new level learned)
                    DailyBaseline current = openBefore.contains(v.key()) && s.incident == null
                            ? baselines.of(s, feedBaseline)
                            : v.baseline();
                    watch.dayClosed(s.subject, current, date, s.incident != null, lastActive);
                }
            }
        }
        return new WindowOutcome(out, AlertCauses.classify(alerts, SourceWatch.load(store)));
    }

    // ---------------------------------------------------------------- incidents and contributors

    // ---------------------------------------------------------------- baselines and storage

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

    private static long lastDay(SubjectState s) {
        return s.dayCount > 0 ? s.days[s.dayCount - 1] : 0;
    }
}
