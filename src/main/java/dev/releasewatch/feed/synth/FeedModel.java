package dev.releasewatch.feed.synth;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The expected release rates of a feed: cells, noise and effects combined into per-hour weights. Pure function of
 * the settings and the day: every random number here comes from a generator seeded by (seed, day), so a day looks
 * the same whatever range it is generated in.
 */
final class FeedModel {

    /** Day-to-day noise of the whole feed (log-normal sigma): ±6% is an ordinary day for a 2,000-release feed. */
    private static final double DAY_SIGMA = 0.055;
    /** Week-to-week drift of the whole feed (log-normal sigma), so busy and quiet weeks come in runs. */
    private static final double WEEK_SIGMA = 0.03;
    /** Per-section day noise (log-normal sigma): sections vary more than the total, as release schedules bunch. */
    private static final double SECTION_SIGMA = 0.10;
    /** Chance of a markedly busy day (and, separately, of a markedly slow one). */
    private static final double UNUSUAL_DAY_CHANCE = 0.04;

    private static final double BUSY_DAY = 1.13;
    private static final double SLOW_DAY = 0.88;
    /**
     * Calibrates the standard catalog (2,070 per weekday before the weekday pattern) to the published 2020 level:
     * about 12,800 releases in an ordinary week.
     */
    private static final double BASE_VOLUME = 0.955;

    private static final long SALT_DAY = 0x9E3779B97F4A7C15L;
    private static final long SALT_WEEK = 0xC2B2AE3D27D4EB4FL;

    final CellTable cells;
    private final FeedSettings settings;
    private final boolean[] standard;
    private final List<FactorCurve> all = new ArrayList<>();
    private final List<List<FactorCurve>> perSection = new ArrayList<>();
    private final List<List<FactorCurve>> perGroup = new ArrayList<>();
    private final FactorCurve[] launch;
    private final List<FactorCurve> sceneLevel = new ArrayList<>();

    FeedModel(final FeedSettings settings) {
        this.settings = settings;
        final List<SectionProfile> sections = new ArrayList<>(StandardSections.all());
        final List<FactorCurve> launches = new ArrayList<>();
        for (FeedEffect effect : settings.effects()) {
            if (effect instanceof FeedEffect.LaunchSection launched) {
                sections.add(launched.profile());
                launches.add(launched.curve());
            }
        }
        cells = CellTable.build(sections);
        standard = new boolean[sections.size()];
        launch = new FactorCurve[sections.size()];
        for (int s = 0; s < sections.size(); s++) {
            standard[s] = s < StandardSections.all().size();
            if (!standard[s]) {
                launch[s] = launches.get(s - StandardSections.all().size());
            }
            perSection.add(new ArrayList<>());
        }
        for (int g = 0; g < cells.groups.size(); g++) {
            perGroup.add(new ArrayList<>());
        }
        for (FeedEffect effect : settings.effects()) {
            if (effect instanceof FeedEffect.ScaleAll scale) {
                all.add(scale.curve());
            } else if (effect instanceof FeedEffect.ScaleSection scale) {
                final int s = cells.sectionIndex(scale.section());
                if (s < 0) {
                    throw new IllegalArgumentException("effect on unknown section " + scale.section());
                }
                perSection.get(s).add(scale.curve());
            } else if (effect instanceof FeedEffect.ScaleGroup scale) {
                final int g = cells.groups.indexOf(scale.group());
                if (g < 0) {
                    throw new IllegalArgumentException("effect on unknown group " + scale.group());
                }
                perGroup.get(g).add(scale.curve());
            } else if (effect instanceof FeedEffect.SceneLevel level) {
                sceneLevel.add(level.curve());
            }
        }
    }

    /** Random numbers of one day: noise of the whole feed and of each section. */
    record DayNoise(double total, double[] sections) {}

    DayNoise noise(final LocalDate day) {
        final SplittableRandom rnd = new SplittableRandom(settings.seed() ^ (day.toEpochDay() * SALT_DAY));
        final SplittableRandom week =
                new SplittableRandom(settings.seed() ^ (Math.floorDiv(day.toEpochDay() + 3, 7) * SALT_WEEK));
        double total = logNormal(week, WEEK_SIGMA) * logNormal(rnd, DAY_SIGMA);
        final double unusual = rnd.nextDouble();
        if (unusual < UNUSUAL_DAY_CHANCE) {
            total *= BUSY_DAY;
        } else if (unusual < 2 * UNUSUAL_DAY_CHANCE) {
            total *= SLOW_DAY;
        }
        final double[] sections = new double[cells.sections.size()];
        for (int s = 0; s < sections.length; s++) {
            sections[s] = logNormal(rnd, SECTION_SIGMA);
        }
        return new DayNoise(total, sections);
    }

    /**
     * Fills the cell weights of one hour (relative expected releases, effects applied) and returns the hour's
     * expected total.
     *
     * @param weights receives one weight per cell
     */
    double hour(final LocalDate day, final int hour, final DayNoise noise, final double[] weights) {
        final Instant middle = day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(hour * 3600L + 1800);
        final DayOfWeek dow = day.getDayOfWeek();
        final double quiet = settings.quietDays().getOrDefault(MonthDay.from(day), 1.0);
        final double scale = BASE_VOLUME * settings.volume() * noise.total() * quiet;
        final double allFactor = product(all, middle);
        final int sectionCount = cells.sections.size();
        final double[] sectionBase = new double[sectionCount];
        final double[] sectionFactor = new double[sectionCount];
        for (int s = 0; s < sectionCount; s++) {
            final SectionProfile profile = cells.sections.get(s);
            sectionBase[s] =
                    scale * profile.week().factor(dow) * profile.hours().share(hour) * noise.sections()[s];
            double factor = allFactor * product(perSection.get(s), middle);
            if (launch[s] != null) {
                factor *= launch[s].points().isEmpty()
                                || middle.isBefore(launch[s].points().get(0).time())
                        ? 0.0
                        : launch[s].at(middle);
            }
            sectionFactor[s] = factor;
        }
        final double[] groupFactor = new double[cells.groups.size()];
        for (int g = 0; g < groupFactor.length; g++) {
            groupFactor[g] = product(perGroup.get(g), middle);
        }
        double modified = 0;
        double normal = 0;
        for (int c = 0; c < cells.size(); c++) {
            final int s = cells.cellSection[c];
            final double base = sectionBase[s] * cells.cellRate[c];
            if (standard[s]) {
                normal += base;
            }
            final double weight = base * sectionFactor[s] * groupFactor[cells.cellGroup[c]];
            weights[c] = weight;
            modified += weight;
        }
        if (modified <= 0) {
            return 0;
        }
        return sceneLevel.isEmpty() ? modified : normal * product(sceneLevel, middle);
    }

    private static double product(final List<FactorCurve> curves, final Instant time) {
        double product = 1.0;
        for (FactorCurve curve : curves) {
            product *= curve.at(time);
        }
        return product;
    }

    /** Log-normal with median adjusted so the mean is 1. */
    private static double logNormal(final SplittableRandom rnd, final double sigma) {
        return Math.exp(sigma * rnd.nextGaussian() - sigma * sigma / 2);
    }
}
