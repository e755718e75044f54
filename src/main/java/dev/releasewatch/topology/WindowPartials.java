package dev.releasewatch.topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.releasewatch.avro.ClosedWindow;
import dev.releasewatch.avro.Contribution;
import dev.releasewatch.avro.NukeCount;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.SourceActivity;
import dev.releasewatch.avro.SubjectCount;

/** Adds up the partial counts that several counting tasks sent for the same window. */
final class WindowPartials {

    private WindowPartials() {}

    /** The sum of two partials of the same window; {@code sum} may be null for the first one. */
    static ClosedWindow add(ClosedWindow sum, ClosedWindow partial) {
        if (sum == null) {
            return partial;
        }
        Map<String, SubjectCount> counts = new LinkedHashMap<>();
        for (List<SubjectCount> list : List.of(sum.getCounts(), partial.getCounts())) {
            for (SubjectCount c : list) {
                String k = c.getScope().name() + '/' + c.getSubject();
                SubjectCount prev = counts.get(k);
                counts.put(
                        k,
                        prev == null
                                ? c
                                : new SubjectCount(c.getScope(), c.getSubject(), prev.getCount() + c.getCount()));
            }
        }
        Map<String, Contribution> contributions = new LinkedHashMap<>();
        for (List<Contribution> list : List.of(sum.getContributions(), partial.getContributions())) {
            for (Contribution c : list) {
                String k = c.getCategory() + '\u0000' + c.getGroup();
                Contribution prev = contributions.get(k);
                contributions.put(
                        k,
                        prev == null
                                ? c
                                : new Contribution(c.getCategory(), c.getGroup(), prev.getCount() + c.getCount()));
            }
        }
        Map<String, NukeCount> nukes = new LinkedHashMap<>();
        for (List<NukeCount> list : List.of(sum.getNukes(), partial.getNukes())) {
            for (NukeCount c : list) {
                String k = c.getScope().name() + '/' + c.getSubject();
                NukeCount prev = nukes.get(k);
                nukes.put(
                        k,
                        prev == null
                                ? c
                                : new NukeCount(
                                        c.getScope(),
                                        c.getSubject(),
                                        prev.getNukes() + c.getNukes(),
                                        prev.getUnnukes() + c.getUnnukes()));
            }
        }
        Map<String, SourceActivity> sources = new TreeMap<>();
        for (List<SourceActivity> list : List.of(sum.getSources(), partial.getSources())) {
            for (SourceActivity s : list) {
                SourceActivity prev = sources.get(s.getSource());
                sources.put(
                        s.getSource(),
                        prev == null
                                ? s
                                : new SourceActivity(
                                        s.getSource(),
                                        prev.getAnnouncements() + s.getAnnouncements(),
                                        prev.getFirstAnnouncements() + s.getFirstAnnouncements(),
                                        prev.getHeartbeats() + s.getHeartbeats(),
                                        prev.getLastRecord().isAfter(s.getLastRecord())
                                                ? prev.getLastRecord()
                                                : s.getLastRecord()));
            }
        }
        return new ClosedWindow(
                sum.getGranularity(),
                sum.getWindowStart(),
                sum.getWindowEnd(),
                new ArrayList<>(counts.values()),
                new ArrayList<>(contributions.values()),
                new ArrayList<>(nukes.values()),
                new ArrayList<>(sources.values()));
    }

    /** Total of one scope in a window, for logging. */
    static long total(ClosedWindow w) {
        return w.getCounts().stream()
                .filter(c -> c.getScope() == Scope.TOTAL)
                .mapToLong(SubjectCount::getCount)
                .sum();
    }
}
