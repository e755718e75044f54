package dev.releasewatch.detect;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;

/** Opens the HOUR incidents of the watched groups whose silence became alarming ({@link GroupSilenceWatch}). */
final class SilenceJudge {

    private final DetectorSettings settings;
    private final SubjectStates states;
    private final GroupSchedule schedule;
    private final Baselines baselines;
    private final AlertComposer composer;

    SilenceJudge(
            DetectorSettings settings,
            SubjectStates states,
            GroupSchedule schedule,
            Baselines baselines,
            AlertComposer composer) {
        this.settings = settings;
        this.states = states;
        this.schedule = schedule;
        this.baselines = baselines;
        this.composer = composer;
    }

    /**
     * Opens an incident for each watched group whose silence became alarming with this hour (see {@link
     * GroupSilenceWatch}).
     */
    void judge(
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
            DailyBaseline b = baselines.of(s, feedBaseline);
            Deviation d = Deviation.of(0, silence.expected(), silence.dispersion());
            Instant since = Instant.ofEpochMilli(silence.since());
            LocalDate first = since.atZone(settings.zone()).toLocalDate();
            Incident.open(
                    s,
                    d,
                    Granularity.HOUR,
                    since,
                    first,
                    b == null ? null : b.expectedOn(date, settings),
                    minScore,
                    feed);
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
}
