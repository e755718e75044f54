package dev.releasewatch.detect;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import dev.releasewatch.avro.ClosedWindow;
import dev.releasewatch.avro.Contribution;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.SubjectCount;

/**
 * A small synthetic release feed for detector tests: ~1,950 releases on a weekday over 15 sections plus two low-volume
 * ones, weekends at 60-65%, an hour-of-day cycle, day-level and hour-level over-dispersion, Zipf-distributed groups,
 * and an optional {@link Scenario} that multiplies rates per (category, group, hour). Produces exactly what the
 * topology hands the engine: 24 HOUR windows then the DAY window, per day, in UTC.
 */
public final class FeedSimulator {

    /** Mean releases on an average weekday per category. */
    static final Map<String, Double> CATEGORY_RATES = new LinkedHashMap<>();

    static {
        CATEGORY_RATES.put("X264", 300.0);
        CATEGORY_RATES.put("TV-X264", 350.0);
        CATEGORY_RATES.put("TV-SD", 110.0);
        CATEGORY_RATES.put("X265", 150.0);
        CATEGORY_RATES.put("BLURAY", 60.0);
        CATEGORY_RATES.put("DVDR", 30.0);
        CATEGORY_RATES.put("XXX", 250.0);
        CATEGORY_RATES.put("MP3", 200.0);
        CATEGORY_RATES.put("FLAC", 90.0);
        CATEGORY_RATES.put("MVID", 60.0);
        CATEGORY_RATES.put("GAMES", 45.0);
        CATEGORY_RATES.put("APPS", 60.0);
        CATEGORY_RATES.put("0DAY", 150.0);
        CATEGORY_RATES.put("EBOOK", 70.0);
        CATEGORY_RATES.put("ABOOK", 25.0);
        CATEGORY_RATES.put("DOX", 4.0);
        CATEGORY_RATES.put("PS4", 7.0);
    }

    /**
     * Rate multiplier; 1 means normal. Called with {@code group == null} for a category's rate in an hour, and per
     * group for its share of the category's releases (a group at 0 simply stops; the category loses its share).
     */
    public interface Scenario {
        double multiplier(String category, String group, LocalDate date, int hour);

        Scenario NORMAL = (c, g, d, h) -> 1;
    }

    private final Random random;
    private final Scenario scenario;
    private final Map<String, String[]> groups = new LinkedHashMap<>();
    private final Map<String, double[]> groupWeights = new LinkedHashMap<>();

    public FeedSimulator(long seed, Scenario scenario) {
        this.random = new Random(seed);
        this.scenario = scenario;
        for (var e : CATEGORY_RATES.entrySet()) {
            int n = (int) Math.max(4, e.getValue() / 3);
            String[] names = new String[n];
            double[] weights = new double[n];
            for (int i = 0; i < n; i++) {
                names[i] = e.getKey().replace("-", "") + "G" + i;
                weights[i] = 1 / Math.pow(i + 1, 1.1);
            }
            groups.put(e.getKey(), names);
            groupWeights.put(e.getKey(), weights);
        }
        // SPARKS: ~15 a day in X264, ~3 in BLURAY; GECKOS: ~6 a day in X264 (a "group releasing >= 5 a day")
        inject("X264", "SPARKS", 15, 40);
        inject("BLURAY", "SPARKS", 3, 10);
        inject("X264", "GECKOS", 6, 60);
    }

    private void inject(String category, String group, double perDay, int slot) {
        String[] names = groups.get(category);
        double[] weights = groupWeights.get(category);
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        names[slot] = group;
        weights[slot] = perDay / (CATEGORY_RATES.get(category) - perDay) * (sum - weights[slot]);
    }

    /** Weekday factor: weekends at 60-65% of weekdays. */
    static double weekdayFactor(LocalDate d) {
        DayOfWeek w = d.getDayOfWeek();
        return w == DayOfWeek.SATURDAY ? 0.65 : w == DayOfWeek.SUNDAY ? 0.6 : w == DayOfWeek.MONDAY ? 0.95 : 1.03;
    }

    /** Share of a day's releases in each UTC hour: lowest around 04:00, highest around 16:00. */
    static double hourShare(int hour) {
        return (1 + 0.6 * Math.cos(2 * Math.PI * (hour - 16) / 24.0)) / 24;
    }

    /** Simulates every day from {@code from} to {@code to} inclusive. */
    public List<ClosedWindow> run(LocalDate from, LocalDate to) {
        List<ClosedWindow> windows = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            windows.addAll(day(d));
        }
        return windows;
    }

    private List<ClosedWindow> day(LocalDate date) {
        List<ClosedWindow> windows = new ArrayList<>();
        double feedNoise = lognormal(0.05);
        Map<String, Long> dayCategory = new TreeMap<>();
        Map<String, Long> dayGroup = new TreeMap<>();
        Map<String, Map<String, Long>> contributions = new TreeMap<>();
        Map<String, Double> categoryNoise = new LinkedHashMap<>();
        Map<String, double[]> dayGroupWeights = new LinkedHashMap<>();
        for (String c : CATEGORY_RATES.keySet()) {
            categoryNoise.put(c, lognormal(0.12));
            double[] w = groupWeights.get(c).clone();
            for (int i = 0; i < w.length; i++) {
                w[i] *= lognormal(0.3);
            }
            dayGroupWeights.put(c, w);
        }
        for (int h = 0; h < 24; h++) {
            List<SubjectCount> counts = new ArrayList<>();
            long total = 0;
            for (var e : CATEGORY_RATES.entrySet()) {
                String c = e.getKey();
                String[] names = groups.get(c);
                double[] w = dayGroupWeights.get(c).clone();
                double sum = 0;
                double kept = 0;
                for (int i = 0; i < w.length; i++) {
                    sum += w[i];
                    w[i] *= scenario.multiplier(c, names[i], date, h);
                    kept += w[i];
                }
                double mean = e.getValue()
                        * weekdayFactor(date)
                        * hourShare(h)
                        * feedNoise
                        * categoryNoise.get(c)
                        * lognormal(0.15)
                        * scenario.multiplier(c, null, date, h)
                        * (sum > 0 ? kept / sum : 0);
                long n = poisson(mean);
                if (n == 0 || kept == 0) {
                    continue;
                }
                Map<String, Long> hourGroups = new TreeMap<>();
                for (long r = 0; r < n; r++) {
                    String g = names[pick(w, kept)];
                    hourGroups.merge(g, 1L, Long::sum);
                    dayGroup.merge(g, 1L, Long::sum);
                    contributions.computeIfAbsent(c, x -> new TreeMap<>()).merge(g, 1L, Long::sum);
                }
                counts.add(new SubjectCount(Scope.CATEGORY, c, n));
                hourGroups.forEach((g, k) -> counts.add(new SubjectCount(Scope.GROUP, g, k)));
                dayCategory.merge(c, n, Long::sum);
                total += n;
            }
            if (total > 0) {
                counts.add(new SubjectCount(Scope.TOTAL, "*", total));
            }
            windows.add(new ClosedWindow(
                    Granularity.HOUR,
                    date.atTime(h, 0).toInstant(ZoneOffset.UTC),
                    date.atTime(h, 0).plusHours(1).toInstant(ZoneOffset.UTC),
                    counts,
                    List.of(),
                    List.of(),
                    List.of()));
        }
        List<SubjectCount> counts = new ArrayList<>();
        long total = 0;
        for (var e : dayCategory.entrySet()) {
            counts.add(new SubjectCount(Scope.CATEGORY, e.getKey(), e.getValue()));
            total += e.getValue();
        }
        for (var e : dayGroup.entrySet()) {
            counts.add(new SubjectCount(Scope.GROUP, e.getKey(), e.getValue()));
        }
        if (total > 0) {
            counts.add(new SubjectCount(Scope.TOTAL, "*", total));
        }
        List<Contribution> contribs = new ArrayList<>();
        contributions.forEach((c, m) -> m.forEach((g, n) -> contribs.add(new Contribution(c, g, n))));
        windows.add(new ClosedWindow(
                Granularity.DAY,
                date.atStartOfDay().toInstant(ZoneOffset.UTC),
                date.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                counts,
                contribs,
                List.of(),
                List.of()));
        return windows;
    }

    private int pick(double[] weights, double sum) {
        double u = random.nextDouble() * sum;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private double lognormal(double sigma) {
        return Math.exp(sigma * random.nextGaussian() - sigma * sigma / 2);
    }

    private long poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 50) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double p = random.nextDouble();
        long k = 0;
        while (p > limit) {
            p *= random.nextDouble();
            k++;
        }
        return k;
    }
}
