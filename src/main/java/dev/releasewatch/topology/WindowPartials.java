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

    /** The sum of the partials of one window (at least one), in one pass: the first one's window fields are kept. */
    static ClosedWindow sum(List<ClosedWindow> partials) {
        ClosedWindow first = partials.get(0);
        if (partials.size() == 1) {
            return first;
        }
        Map<String, SubjectCount> counts = new LinkedHashMap<>();
        for (ClosedWindow partial : partials) {
            for (SubjectCount c : partial.getCounts()) {
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
        for (ClosedWindow partial : partials) {
            for (Contribution c : partial.getContributions()) {
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
        for (ClosedWindow partial : partials) {
            for (NukeCount c : partial.getNukes()) {
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
        for (ClosedWindow partial : partials) {
            for (SourceActivity s : partial.getSources()) {
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
                first.getGranularity(),
                first.getWindowStart(),
                first.getWindowEnd(),
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
