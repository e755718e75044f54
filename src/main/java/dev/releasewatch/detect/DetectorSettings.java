package dev.releasewatch.detect;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Every parameter of the detector, with its default, in one place.
 *
 * <p>Keys read by {@link #fromProperties(Map)} (all prefixed {@code detector.}; unknown keys under that prefix are
 * rejected so a typo does not silently fall back to a default):
 * <table>
 * <caption>Detector settings</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>zone</td><td>UTC</td><td>time zone the windows are aligned to; hour-of-day, weekday and quiet dates use
 * it</td></tr> <tr><td>direction</td><td>drop</td><td>{@code drop}, {@code spike} or {@code both}</td></tr>
 * <tr><td>quiet-dates</td><td>12-24,12-25,12-26,12-31,01-01</td><td>comma-separated {@code MM-dd} dates on which less
 *     activity is
 *     normal; the default is the scene's year-end holidays (Christmas Eve to Boxing Day, New Year's Eve and Day), when
 *     the
 *     feed runs at roughly half its usual volume; set it to an empty value to judge every date alike</td></tr>
 * <tr><td>quiet-date-factor</td><td>0.5</td><td>expectation is multiplied by this on a quiet date (0 &lt; f &le;
 * 1)</td></tr> <tr><td>warmup-days</td><td>14</td><td>clean days of history a subject needs before it gets a baseline
 * (and can alert)</td></tr> <tr><td>history-days</td><td>63</td><td>days of daily counts kept per subject (weekday
 * factors and dispersion come from them)</td></tr> <tr><td>level-days</td><td>14</td><td>most recent clean days whose
 * trimmed mean sets the level</td></tr> <tr><td>max-span-days</td><td>3</td><td>daily verdicts also test the sum of the
 * last 2..n days, so a sustained moderate drop is caught</td></tr> <tr><td>group-max-span-days</td><td>7</td><td>the
 * same for groups: a bursty group's silence only becomes telling after several days</td></tr>
 * <tr><td>min-expected-daily</td><td>20</td><td>a category or the feed is never alerted on when less than this is
 * expected in the judged span</td></tr> <tr><td>min-expected-group</td><td>8</td><td>the same for a group</td></tr>
 *     <tr><td>group-min-daily-rate</td><td>4</td><td>a group is only judged while its level is at least this many
 *     releases a day: a group
 *     releasing now and then going quiet for a week is not news</td></tr>
 * <tr><td>min-relative-change</td><td>0.4</td><td>daily verdict: the count must differ from expected by at least this
 * fraction</td></tr> <tr><td>max-p-value</td><td>1e-6</td><td>daily verdict: tail probability under the count model
 * must be at most this (about 20,000 category-day tests a year: 1e-6 keeps pure noise below one false alert in
 * decades)</td></tr> <tr><td>group-min-relative-change</td><td>0.8</td><td>group verdict: relative change needed
 * ("silent or far below")</td></tr> <tr><td>group-max-p-value</td><td>1e-6</td><td>group verdict: tail probability
 *     needed (thousands of groups are judged every day)</td></tr>
 *     <tr><td>group-silence-record-factor</td><td>2</td><td>hourly group watch: a group is silent when no release came
 *     for this many
 *     times the longest silence it showed since it was watched (silences measured in releases it should have
 * made)</td></tr> <tr><td>group-silence-max-p-value</td><td>1e-5</td><td>hourly group watch: probability of no release
 *     in the silence, under the
 *     group's count model, must be at most this (the record rule above does most of the work)</td></tr>
 * <tr><td>group-silence-learn-days</td><td>28</td><td>hourly group watch: days a group is watched (learning its usual
 *     silences)
 *     before its silence can alert</td></tr>
 * <tr><td>group-silence-min-hours</td><td>12</td><td>hourly group watch: shortest silence that can alert, whatever the
 *     group's
 *     rate (a group "went silent" is news about days, not about a quiet morning of a group releasing 60 a
 * day)</td></tr> <tr><td>resolve-relative-change</td><td>0.2</td><td>an incident resolves when a day is back within
 * this fraction of expected (hysteresis)</td></tr> <tr><td>group-resolve-relative-change</td><td>0.5</td><td>the same
 * for groups, whose days are noisier</td></tr> <tr><td>early-warning</td><td>true</td><td>judge HOUR windows (the last
 * 2..24 hours against the hour-of-day profile)</td></tr> <tr><td>early-min-hours</td><td>2</td><td>shortest span of
 * hours judged</td></tr> <tr><td>early-min-expected</td><td>40</td><td>minimum expected releases in an hourly span (the
 * hourly path tests up to 23 overlapping spans every hour, so it only speaks where a span holds enough releases to be
 *     sure)</td></tr> <tr><td>early-zero-min-expected</td><td>10</td><td>an hourly span with no release at all is
 *     judged once this many releases were
 *     expected in it (instead of early-min-expected): a mid-sized category whose source stops is flagged the same day,
 *     while
 *     the count model still decides whether that silence is improbable</td></tr>
 * <tr><td>early-min-relative-change</td><td>0.5</td><td>relative change needed in an hourly span</td></tr>
 * <tr><td>early-max-p-value</td><td>1e-6</td><td>tail probability needed in an hourly span (stricter: up to 23 spans
 * are tested every hour)</td></tr> <tr><td>level-shift-drop</td><td>0.4</td><td>level-shift test (categories, hourly):
 *     the drop its alternative
 *     assumes; the smallest drop that must be caught, since a CUSUM tuned to a small shift still catches bigger
 *     ones quickly</td></tr>
 * <tr><td>level-shift-arl-days</td><td>100000</td><td>level-shift test: average run length without a change, in
 *     days, per category; the CUSUM alerts when its log-likelihood ratio reaches ln of this (Lorden's bound:
 *     ARL &ge; e^threshold observations, a day being one observation as its hours share the day's level)</td></tr>
 * <tr><td>new-level-days</td><td>28</td><td>an incident still open after this many days is accepted as the new level
 * (RESOLVED, NEW_LEVEL_LEARNED)</td></tr> <tr><td>forget-after-days</td><td>42</td><td>a subject silent this long is
 * forgotten (state deleted); must exceed new-level-days</td></tr> <tr><td>feed-wide-fraction</td><td>0.5</td><td>a
 * TOTAL drop is feed-wide (categories carry its id) when at least this fraction of categories dropped with it</td></tr>
 * <tr><td>min-dispersion</td><td>0.01</td><td>floor of the negative-binomial dispersion: a +-10% day of a big subject
 * is always noise</td></tr> <tr><td>max-contributors</td><td>10</td><td>missing contributors listed per alert</td></tr>
 * </table>
 *
 * @param zone                       time zone of the windows
 * @param direction                  which deviations alert
 * @param quietDates                 dates of the year with lowered expectation
 * @param quietDateFactor            expectation multiplier on quiet dates
 * @param warmupDays                 clean days needed before a baseline exists
 * @param historyDays                days of daily counts kept
 * @param levelDays                  recent clean days the level is the trimmed mean of
 * @param maxSpanDays                longest multi-day span judged on DAY windows
 * @param groupMaxSpanDays           longest multi-day span judged for a group
 * @param minExpectedDaily           minimum expected count for a category or the feed
 * @param minExpectedGroup           minimum expected count for a group
 * @param groupMinDailyRate          level a group needs to be judged
 * @param minRelativeChange          relative change needed by a daily verdict
 * @param maxPValue                  tail probability needed by a daily verdict
 * @param groupMinRelativeChange     relative change needed by a group verdict
 * @param groupMaxPValue             tail probability needed by a group verdict
 * @param groupSilenceRecordFactor   how far a group's silence must outdo its longest known silence
 * @param groupSilenceMaxPValue      probability of the silence a group's hourly watch needs
 * @param groupSilenceLearnDays      days a group is watched before its silence can alert
 * @param groupSilenceMinHours       shortest group silence that can alert
 * @param resolveRelativeChange      distance from expected at which an incident resolves
 * @param groupResolveRelativeChange the same for groups
 * @param earlyWarning               whether HOUR windows are judged
 * @param earlyMinHours              shortest hourly span judged
 * @param earlyMinExpected           minimum expected count in an hourly span
 * @param earlyZeroMinExpected       minimum expected count in an hourly span without any release
 * @param earlyMinRelativeChange     relative change needed in an hourly span
 * @param earlyMaxPValue             tail probability needed in an hourly span
 * @param levelShiftDrop             drop assumed by the level-shift test's alternative
 * @param levelShiftArlDays          average run length of the level-shift test without a change, in days
 * @param newLevelDays               days after which an open incident is accepted as the new level
 * @param forgetAfterDays            days of silence after which a subject is forgotten
 * @param feedWideFraction           fraction of categories that makes a TOTAL drop feed-wide
 * @param minDispersion              floor of the count model's dispersion
 * @param maxContributors            missing contributors listed per alert
 */
public record DetectorSettings(
        ZoneId zone,
        DirectionMode direction,
        Set<MonthDay> quietDates,
        double quietDateFactor,
        int warmupDays,
        int historyDays,
        int levelDays,
        int maxSpanDays,
        int groupMaxSpanDays,
        double minExpectedDaily,
        double minExpectedGroup,
        double groupMinDailyRate,
        double minRelativeChange,
        double maxPValue,
        double groupMinRelativeChange,
        double groupMaxPValue,
        double groupSilenceRecordFactor,
        double groupSilenceMaxPValue,
        int groupSilenceLearnDays,
        int groupSilenceMinHours,
        double resolveRelativeChange,
        double groupResolveRelativeChange,
        boolean earlyWarning,
        int earlyMinHours,
        double earlyMinExpected,
        double earlyZeroMinExpected,
        double earlyMinRelativeChange,
        double earlyMaxPValue,
        double levelShiftDrop,
        double levelShiftArlDays,
        int newLevelDays,
        int forgetAfterDays,
        double feedWideFraction,
        double minDispersion,
        int maxContributors) {

    /** Prefix of every key read by {@link #fromProperties(Map)}. */
    public static final String PREFIX = "detector.";

    /** The scene's year-end holidays: 24-26 December, 31 December and 1 January. */
    public static final String DEFAULT_QUIET_DATES = "12-24,12-25,12-26,12-31,01-01";

    private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MM-dd");

    /** Validates relations between parameters that each look fine alone. */
    public DetectorSettings {
        quietDates = Set.copyOf(quietDates);
        if (historyDays < warmupDays || historyDays < 7 * 2) {
            throw new IllegalArgumentException(
                    PREFIX + "history-days: must be at least warmup-days and 14, got '" + historyDays + "'");
        }
        if (forgetAfterDays <= newLevelDays) {
            throw new IllegalArgumentException(PREFIX + "forget-after-days: must exceed new-level-days (" + newLevelDays
                    + ") so an open incident resolves before its subject is forgotten, got '" + forgetAfterDays + "'");
        }
        if (resolveRelativeChange >= minRelativeChange) {
            throw new IllegalArgumentException(PREFIX + "resolve-relative-change: must be below min-relative-change ("
                    + minRelativeChange + ") or alerts would flap, got '" + resolveRelativeChange + "'");
        }
    }

    /** The defaults listed in the class documentation. */
    public static DetectorSettings defaults() {
        return fromProperties(Map.of());
    }

    /** A copy with another direction (the offline evaluator scores rises too). */
    public DetectorSettings withDirection(DirectionMode newDirection) {
        return new DetectorSettings(
                zone,
                newDirection,
                quietDates,
                quietDateFactor,
                warmupDays,
                historyDays,
                levelDays,
                maxSpanDays,
                groupMaxSpanDays,
                minExpectedDaily,
                minExpectedGroup,
                groupMinDailyRate,
                minRelativeChange,
                maxPValue,
                groupMinRelativeChange,
                groupMaxPValue,
                groupSilenceRecordFactor,
                groupSilenceMaxPValue,
                groupSilenceLearnDays,
                groupSilenceMinHours,
                resolveRelativeChange,
                groupResolveRelativeChange,
                earlyWarning,
                earlyMinHours,
                earlyMinExpected,
                earlyZeroMinExpected,
                earlyMinRelativeChange,
                earlyMaxPValue,
                levelShiftDrop,
                levelShiftArlDays,
                newLevelDays,
                forgetAfterDays,
                feedWideFraction,
                minDispersion,
                maxContributors);
    }

    /**
     * Reads the settings from {@code detector.}-prefixed keys; other keys are ignored, missing ones take their default.
     *
     * @throws IllegalArgumentException naming the key when a value is invalid or a {@code detector.} key is unknown
     */
    public static DetectorSettings fromProperties(Map<String, String> props) {
        Reader r = new Reader(props);
        DetectorSettings s = new DetectorSettings(
                r.get(
                        "zone",
                        "UTC",
                        DetectorSettings::parseZone,
                        "must be a time zone id such as UTC or Europe/Berlin"),
                r.get("direction", "drop", DirectionMode::parse, "must be drop, spike or both"),
                r.get(
                        "quiet-dates",
                        DEFAULT_QUIET_DATES,
                        DetectorSettings::parseQuietDates,
                        "must be comma-separated MM-dd dates"),
                r.fraction("quiet-date-factor", 0.5),
                r.positiveInt("warmup-days", 14),
                r.positiveInt("history-days", 63),
                r.positiveInt("level-days", 14),
                r.positiveInt("max-span-days", 3),
                r.positiveInt("group-max-span-days", 7),
                r.positive("min-expected-daily", 20),
                r.positive("min-expected-group", 8),
                r.positive("group-min-daily-rate", 4),
                r.fraction("min-relative-change", 0.4),
                r.fraction("max-p-value", 1e-6),
                r.fraction("group-min-relative-change", 0.8),
                r.fraction("group-max-p-value", 1e-6),
                r.positive("group-silence-record-factor", 2),
                r.fraction("group-silence-max-p-value", 1e-5),
                r.positiveInt("group-silence-learn-days", 28),
                r.positiveInt("group-silence-min-hours", 12),
                r.fraction("resolve-relative-change", 0.2),
                r.fraction("group-resolve-relative-change", 0.5),
                r.get("early-warning", "true", DetectorSettings::parseBoolean, "must be true or false"),
                r.positiveInt("early-min-hours", 2),
                r.positive("early-min-expected", 40),
                r.positive("early-zero-min-expected", 10),
                r.fraction("early-min-relative-change", 0.5),
                r.fraction("early-max-p-value", 1e-6),
                r.fraction("level-shift-drop", 0.4),
                r.positive("level-shift-arl-days", 100_000),
                r.positiveInt("new-level-days", 28),
                r.positiveInt("forget-after-days", 42),
                r.fraction("feed-wide-fraction", 0.5),
                r.positive("min-dispersion", 0.01),
                r.positiveInt("max-contributors", 10));
        r.rejectUnknown();
        if (s.earlyMinHours > 24) {
            throw new IllegalArgumentException(
                    PREFIX + "early-min-hours: must be at most 24, got '" + s.earlyMinHours + "'");
        }
        return s;
    }

    /** Whether {@code date} is a configured quiet date. */
    boolean isQuiet(LocalDate date) {
        return !quietDates.isEmpty() && quietDates.contains(MonthDay.from(date));
    }

    /** The level-shift test's threshold on its log-likelihood ratio, in nats: ln of {@link #levelShiftArlDays}. */
    double levelShiftThreshold() {
        return Math.log(Math.max(1, levelShiftArlDays));
    }

    /** -log10 of {@link #maxPValue}: the score a daily verdict needs. */
    double dailyScoreThreshold() {
        return -Math.log10(maxPValue);
    }

    private static ZoneId parseZone(String text) {
        try {
            return ZoneId.of(text.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static boolean parseBoolean(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (!t.equals("true") && !t.equals("false")) {
            throw new IllegalArgumentException(text);
        }
        return Boolean.parseBoolean(t);
    }

    private static Set<MonthDay> parseQuietDates(String text) {
        Set<MonthDay> dates = new HashSet<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                dates.add(MonthDay.parse(part.trim(), MONTH_DAY));
            }
        }
        return dates;
    }

    /** Reads typed values and builds error messages that name the full key. */
    private static final class Reader {
        private final Map<String, String> props;
        private final Set<String> known = new HashSet<>();

        Reader(Map<String, String> props) {
            this.props = props;
        }

        <T> T get(String name, String defaultText, Function<String, T> parser, String rule) {
            known.add(PREFIX + name);
            String text = props.getOrDefault(PREFIX + name, defaultText);
            try {
                return parser.apply(text);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(PREFIX + name + ": " + rule + ", got '" + text + "'", e);
            }
        }

        double positive(String name, double def) {
            return get(
                    name,
                    Double.toString(def),
                    t -> {
                        double v = Double.parseDouble(t.trim());
                        if (!(v > 0) || Double.isInfinite(v)) {
                            throw new IllegalArgumentException(t);
                        }
                        return v;
                    },
                    "must be a positive number");
        }

        double fraction(String name, double def) {
            return get(
                    name,
                    Double.toString(def),
                    t -> {
                        double v = Double.parseDouble(t.trim());
                        if (!(v > 0 && v <= 1)) {
                            throw new IllegalArgumentException(t);
                        }
                        return v;
                    },
                    "must be a number in (0, 1]");
        }

        int positiveInt(String name, int def) {
            return get(
                    name,
                    Integer.toString(def),
                    t -> {
                        int v = Integer.parseInt(t.trim());
                        if (v <= 0) {
                            throw new IllegalArgumentException(t);
                        }
                        return v;
                    },
                    "must be a positive whole number");
        }

        void rejectUnknown() {
            for (String key : props.keySet()) {
                if (key.startsWith(PREFIX) && !known.contains(key)) {
                    throw new IllegalArgumentException(key + ": unknown detector setting");
                }
            }
        }
    }
}
