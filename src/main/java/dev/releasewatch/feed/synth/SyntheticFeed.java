package dev.releasewatch.feed.synth;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.ReleaseAnnouncement;

/**
 * A realistic synthetic release feed, streamed in time order: about 1,980 releases an ordinary weekday over fifteen
 * sections, quieter weekends, hour-of-day shapes, over-dispersed day-to-day noise, groups of very unequal
 * productivity, section-specific names, and the {@link FeedEffect}s of a scenario on top. The demo, the
 * {@code generate} command and the scenario suite all use this class.
 *
 * <p>Generation is two-pass and streaming: first every day's total is planned (a few numbers a day; this is where
 * pinned published figures are honoured exactly), then events are drawn one day at a time, sorted within the day and
 * handed out. Memory is one day of events plus 8 bytes per name for the uniqueness check. Equal
 * {@link FeedSettings} give identical sequences; each day's randomness is seeded by (seed, day), so changing the range
 * does not change the days it keeps (except through pinned period totals, which are computed over their full period).
 *
 * <p>Names are unique over the feed; the only duplicates are deliberate mirror copies ({@link Mirrors}).
 */
public final class SyntheticFeed implements Iterable<ReleaseAnnouncement> {

    private static final long SALT_EMIT = 0xD6E8FEB86659FD93L;
    private static final long SALT_TOTAL = 0xA0761D6478BD642FL;
    private static final long SALT_MIRRORS = 0xE7037ED1A0B428DBL;
    private static final long SALT_NAMES = 0x8EBC6AF09C88C6E3L;
    private static final long SALT_NUKES = 0x589965CC75374CC3L;
    private static final long SALT_FAULTS = 0x1D8E4E27C47D124FL;
    /** Share of nuked releases that are unnuked again. */
    private static final double UNNUKE_SHARE = 0.15;

    private static final String[] NUKE_REASONS = {
        "dupe", "bad.ivtc", "mislabeled", "no.sample", "stolen", "incomplete", "bad.aspect.ratio"
    };
    private static final long DAY_MILLIS = 86_400_000L;
    private static final int NAME_ATTEMPTS = 40;

    private final FeedSettings settings;
    private final FeedModel model;
    private final SortedMap<LocalDate, Integer> totals;

    /**
     * Plans a feed.
     *
     * @param settings what to generate
     * @throws IllegalArgumentException if an effect names an unknown section or group
     */
    public SyntheticFeed(final FeedSettings settings) {
        this.settings = settings;
        this.model = new FeedModel(settings);
        this.totals = Collections.unmodifiableSortedMap(planTotals());
    }

    /** @return the settings this feed was made from */
    public FeedSettings settings() {
        return settings;
    }

    /**
     * The exact number of primary announcements (mirror copies excluded) on each UTC day of the range.
     *
     * @return day → count, in day order
     */
    public SortedMap<LocalDate, Integer> dailyTotals() {
        return totals;
    }

    /**
     * The total number of primary announcements: releases, without mirror copies, nukes and unnukes.
     *
     * @return the sum of {@link #dailyTotals()}
     */
    public long size() {
        return totals.values().stream().mapToLong(Integer::longValue).sum();
    }

    /**
     * The groups releasing in a section, most productive first.
     *
     * @param section a section of this feed
     * @return group names; empty for an unknown section
     */
    public List<String> groupsOf(final String section) {
        final int s = model.cells.sectionIndex(section);
        final List<String> groups = new ArrayList<>();
        final List<Integer> order = new ArrayList<>();
        for (int c = 0; c < model.cells.size(); c++) {
            if (model.cells.cellSection[c] == s) {
                order.add(c);
            }
        }
        order.sort(Comparator.comparingDouble(c -> -model.cells.cellRate[c]));
        order.forEach(c -> groups.add(model.cells.groups.get(model.cells.cellGroup[c])));
        return groups;
    }

    /** @return the sections of this feed (standard and launched) */
    public List<String> sections() {
        return model.cells.sections.stream().map(SectionProfile::section).toList();
    }

    /** Starts a fresh pass over the feed; each iterator yields the same sequence. */
    @Override
    public Iterator<ReleaseAnnouncement> iterator() {
        return new Generator();
    }

    /** @return the feed as a sequential, ordered stream */
    public Stream<ReleaseAnnouncement> stream() {
        return StreamSupport.stream(spliterator(), false);
    }

    private SortedMap<LocalDate, Integer> planTotals() {
        final Map<LocalDate, Integer> pinned = new HashMap<>();
        final List<FeedEffect.PeriodTotal> periods = new ArrayList<>();
        LocalDate first = settings.from();
        LocalDate last = settings.to();
        for (FeedEffect effect : settings.effects()) {
            if (effect instanceof FeedEffect.DayTotal day) {
                pinned.put(day.day(), day.total());
            } else if (effect instanceof FeedEffect.PeriodTotal period
                    && !period.to().isBefore(settings.from())
                    && !period.from().isAfter(settings.to())) {
                periods.add(period);
                first = period.from().isBefore(first) ? period.from() : first;
                last = period.to().isAfter(last) ? period.to() : last;
            }
        }
        final TreeMap<LocalDate, Integer> planned = new TreeMap<>();
        final double[] weights = new double[model.cells.size()];
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (pinned.containsKey(day)) {
                planned.put(day, pinned.get(day));
                continue;
            }
            final FeedModel.DayNoise noise = model.noise(day);
            double expected = 0;
            for (int hour = 0; hour < 24; hour++) {
                expected += model.hour(day, hour, noise, weights);
            }
            final SplittableRandom rnd = new SplittableRandom(settings.seed() ^ (day.toEpochDay() * SALT_TOTAL));
            planned.put(day, poisson(rnd, expected));
        }
        for (FeedEffect.PeriodTotal period : periods) {
            rescale(planned, pinned, period);
        }
        return new TreeMap<>(planned.subMap(settings.from(), true, settings.to(), true));
    }

    /** Scales the unpinned days of a period so the period sums to its published total (largest-remainder rounding). */
    private static void rescale(
            final TreeMap<LocalDate, Integer> planned,
            final Map<LocalDate, Integer> pinned,
            final FeedEffect.PeriodTotal period) {
        final List<LocalDate> free = new ArrayList<>();
        long fixed = 0;
        long freeSum = 0;
        for (LocalDate day = period.from(); !day.isAfter(period.to()); day = day.plusDays(1)) {
            if (pinned.containsKey(day)) {
                fixed += pinned.get(day);
            } else {
                free.add(day);
                freeSum += planned.get(day);
            }
        }
        final long target = Math.max(0, period.total() - fixed);
        if (free.isEmpty() || freeSum == 0) {
            return;
        }
        final double factor = (double) target / freeSum;
        final double[] remainders = new double[free.size()];
        long assigned = 0;
        for (int i = 0; i < free.size(); i++) {
            final double exact = planned.get(free.get(i)) * factor;
            final int floor = (int) Math.floor(exact);
            planned.put(free.get(i), floor);
            remainders[i] = exact - floor;
            assigned += floor;
        }
        final Integer[] order = new Integer[free.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> -remainders[i]));
        for (int k = 0; assigned < target; k = (k + 1) % order.length, assigned++) {
            final LocalDate day = free.get(order[k]);
            planned.put(day, planned.get(day) + 1);
        }
    }

    /** Poisson draw; normal approximation above 50, where it is indistinguishable at these scales. */
    private static int poisson(final SplittableRandom rnd, final double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 50) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * rnd.nextGaussian()));
        }
        final double limit = Math.exp(-mean);
        int count = 0;
        double product = rnd.nextDouble();
        while (product > limit) {
            count++;
            product *= rnd.nextDouble();
        }
        return count;
    }

    /** One pass over the feed. */
    private final class Generator implements Iterator<ReleaseAnnouncement> {

        private final ReleaseNameFactory names = new ReleaseNameFactory();
        private final NameRegistry seen = new NameRegistry();
        private final double[] weights = new double[model.cells.size()];
        private final double[] cumulative = new double[model.cells.size()];
        private final long[] mirrorOffsets;
        private final long maxEarly;
        private LocalDate day = settings.from();
        private List<ReleaseAnnouncement> ready = new ArrayList<>();
        private int position;
        private final List<ReleaseAnnouncement> pending = new ArrayList<>();
        /** Arrival times of copies whose stamp is not their arrival (skewed or slow), by identity. */
        private final Map<ReleaseAnnouncement, Long> arrivals = new IdentityHashMap<>();

        private final Comparator<ReleaseAnnouncement> byArrival = Comparator.comparingLong(
                a -> arrivals.getOrDefault(a, a.getTime().toEpochMilli()));

        Generator() {
            final Mirrors mirrors = settings.mirrors();
            mirrorOffsets = new long[mirrors.count()];
            final SplittableRandom rnd = new SplittableRandom(settings.seed() ^ SALT_MIRRORS);
            final long max = mirrors.maxClockOffset().toMillis();
            for (int m = 0; m < mirrorOffsets.length; m++) {
                mirrorOffsets[m] = max == 0 ? 0 : rnd.nextLong(-max, max + 1);
            }
            maxEarly = max;
        }

        @Override
        public boolean hasNext() {
            while (position == ready.size()) {
                if (day == null) {
                    return false;
                }
                nextBatch();
            }
            return true;
        }

        @Override
        public ReleaseAnnouncement next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            final ReleaseAnnouncement next = ready.get(position++);
            if (!arrivals.isEmpty()) {
                arrivals.remove(next);
            }
            return next;
        }

        private void nextBatch() {
            final List<ReleaseAnnouncement> events = generate(day);
            day = day.isBefore(settings.to()) ? day.plusDays(1) : null;
            position = 0;
            if (mirrorOffsets.length == 0 && settings.mirrors().slowDelay().isZero()) {
                ready = events;
                return;
            }
            // mirror copies may cross midnight either way: hold back what the next day could still precede
            pending.addAll(events);
            pending.sort(byArrival);
            final long horizon = day == null
                    ? Long.MAX_VALUE
                    : day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - maxEarly;
            int cut = 0;
            while (cut < pending.size()
                    && arrivals.getOrDefault(
                                    pending.get(cut), pending.get(cut).getTime().toEpochMilli())
                            < horizon) {
                cut++;
            }
            ready = new ArrayList<>(pending.subList(0, cut));
            pending.subList(0, cut).clear();
        }

        private List<ReleaseAnnouncement> generate(final LocalDate date) {
            final int total = totals.get(date);
            final List<ReleaseAnnouncement> events = new ArrayList<>(total + total / 2);
            if (total == 0) {
                return events;
            }
            final FeedModel.DayNoise noise = model.noise(date);
            final double[] hourly = new double[24];
            double sum = 0;
            for (int hour = 0; hour < 24; hour++) {
                hourly[hour] = model.hour(date, hour, noise, weights);
                sum += hourly[hour];
            }
            if (sum <= 0) {
                return events;
            }
            final SplittableRandom rnd = new SplittableRandom(settings.seed() ^ (date.toEpochDay() * SALT_EMIT));
            // names draw from their own generator: a retry after a name clash with an earlier day must not shift
            // the times and groups of the rest of this day
            final SplittableRandom nameRnd = new SplittableRandom(settings.seed() ^ (date.toEpochDay() * SALT_NAMES));
            // nukes too: a feed with nukes has exactly the releases of the same feed without
            final SplittableRandom nukeRnd = new SplittableRandom(settings.seed() ^ (date.toEpochDay() * SALT_NUKES));
            // clock faults too: a feed with skewed copies has exactly the releases and copies of the same feed without
            final SplittableRandom faultRnd = new SplittableRandom(settings.seed() ^ (date.toEpochDay() * SALT_FAULTS));
            final int[] perHour = new int[24];
            for (int i = 0; i < total; i++) {
                double u = rnd.nextDouble() * sum;
                int hour = 0;
                while (hour < 23 && u >= hourly[hour]) {
                    u -= hourly[hour];
                    hour++;
                }
                perHour[hour]++;
            }
            final long dayStart = date.toEpochDay() * DAY_MILLIS;
            for (int hour = 0; hour < 24; hour++) {
                if (perHour[hour] == 0) {
                    continue;
                }
                model.hour(date, hour, noise, weights);
                double running = 0;
                for (int c = 0; c < weights.length; c++) {
                    running += weights[c];
                    cumulative[c] = running;
                }
                for (int i = 0; i < perHour[hour]; i++) {
                    final int cell = pick(rnd.nextDouble() * running);
                    final long time = dayStart + hour * 3_600_000L + rnd.nextLong(3_600_000L);
                    nuke(events, emit(events, cell, date, time, rnd, nameRnd, faultRnd), date, nukeRnd);
                }
            }
            events.sort(byArrival);
            return events;
        }

        /** Whether the first mirror is silent at {@code time} (it draws its copies all the same: same feed). */
        private static boolean silent(final Mirrors mirrors, final long time) {
            return mirrors.silentFrom() != null
                    && time >= mirrors.silentFrom().toEpochMilli()
                    && time < mirrors.silentTo().toEpochMilli();
        }

        /** Adds a release (and its mirror copies) to {@code events}; returns the primary announcement. */
        private ReleaseAnnouncement emit(
                final List<ReleaseAnnouncement> events,
                final int cell,
                final LocalDate date,
                final long time,
                final SplittableRandom rnd,
                final SplittableRandom nameRnd,
                final SplittableRandom faultRnd) {
            final SectionProfile section = model.cells.sections.get(model.cells.cellSection[cell]);
            final String group = model.cells.groups.get(model.cells.cellGroup[cell]);
            String name = null;
            for (int attempt = 0; attempt < NAME_ATTEMPTS && name == null; attempt++) {
                final String candidate = names.name(section.style(), section.section(), group, date, nameRnd);
                if (seen.add(candidate.toLowerCase(Locale.ROOT))) {
                    name = candidate;
                }
            }
            for (int repack = 2; name == null; repack++) {
                // a tiny catalogue (e.g. a one-game section) can run out; scene groups then re-release as REPACKs
                final String base = names.name(section.style(), section.section(), group, date, nameRnd);
                final int dash = base.lastIndexOf('-');
                final String candidate = base.substring(0, dash) + ".REPACK" + repack + base.substring(dash);
                name = seen.add(candidate.toLowerCase(Locale.ROOT)) ? candidate : null;
            }
            final ReleaseAnnouncement release = new ReleaseAnnouncement(
                    EventKind.RELEASE, name, section.section(), Instant.ofEpochMilli(time), settings.source(), null);
            events.add(release);
            final Mirrors mirrors = settings.mirrors();
            for (int m = 0; m < mirrorOffsets.length; m++) {
                if (rnd.nextDouble() < mirrors.copyProbability()) {
                    final long delay = mirrors.maxDelay().isZero()
                            ? 0
                            : rnd.nextLong(mirrors.maxDelay().toMillis() + 1);
                    final long arrival = time + mirrorOffsets[m] + delay;
                    final boolean skewed = faultRnd.nextDouble() < mirrors.skewFraction();
                    final ReleaseAnnouncement copy = new ReleaseAnnouncement(
                            EventKind.RELEASE,
                            name,
                            section.section(),
                            Instant.ofEpochMilli(
                                    skewed ? arrival + mirrors.skew().toMillis() : arrival),
                            "mirror-" + (m + 1),
                            null);
                    if (m == 0 && silent(mirrors, arrival)) {
                        continue;
                    }
                    if (skewed) {
                        arrivals.put(copy, arrival);
                    }
                    events.add(copy);
                }
            }
            if (!mirrors.slowDelay().isZero() && faultRnd.nextDouble() < mirrors.copyProbability()) {
                final ReleaseAnnouncement copy = new ReleaseAnnouncement(
                        EventKind.RELEASE,
                        name,
                        section.section(),
                        Instant.ofEpochMilli(time),
                        Mirrors.SLOW_SOURCE,
                        null);
                arrivals.put(copy, time + mirrors.slowDelay().toMillis() + faultRnd.nextLong(60_000L));
                events.add(copy);
            }
            return release;
        }

        /**
         * Maybe nukes {@code release} later the same day, and maybe unnukes it again; events past the day's end are
         * left out, so the day's batch stays self-contained.
         */
        private void nuke(
                final List<ReleaseAnnouncement> events,
                final ReleaseAnnouncement release,
                final LocalDate date,
                final SplittableRandom nukeRnd) {
            if (settings.nukeRate() == 0 || nukeRnd.nextDouble() >= settings.nukeRate()) {
                return;
            }
            final long dayEnd = (date.toEpochDay() + 1) * DAY_MILLIS;
            final long nukedAt = release.getTime().toEpochMilli() + 600_000L + nukeRnd.nextLong(6 * 3_600_000L);
            final String reason = NUKE_REASONS[nukeRnd.nextInt(NUKE_REASONS.length)];
            final boolean unnuke = nukeRnd.nextDouble() < UNNUKE_SHARE;
            final long unnukedAt = nukedAt + 1_800_000L + nukeRnd.nextLong(12 * 3_600_000L);
            if (nukedAt >= dayEnd) {
                return;
            }
            events.add(new ReleaseAnnouncement(
                    EventKind.NUKE,
                    release.getName(),
                    release.getSection(),
                    Instant.ofEpochMilli(nukedAt),
                    settings.source(),
                    reason));
            if (unnuke && unnukedAt < dayEnd) {
                events.add(new ReleaseAnnouncement(
                        EventKind.UNNUKE,
                        release.getName(),
                        release.getSection(),
                        Instant.ofEpochMilli(unnukedAt),
                        settings.source(),
                        "fixed." + reason));
            }
        }

        private int pick(final double u) {
            return CumulativeWeights.index(cumulative, u);
        }
    }
}
