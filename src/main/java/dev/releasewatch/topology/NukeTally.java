package dev.releasewatch.topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.releasewatch.avro.NukeCount;
import dev.releasewatch.avro.Scope;

/** Nuke and unnuke counts per subject of one open window. */
final class NukeTally {

    private final Map<String, long[]> counts = new LinkedHashMap<>();

    /** Counts one nuke (or unnuke) for the feed, its category and, when {@code group} is not null, its group. */
    void add(boolean unnuke, String category, String group) {
        increment(Scope.TOTAL, OpenWindows.TOTAL, unnuke);
        increment(Scope.CATEGORY, category, unnuke);
        if (group != null) {
            increment(Scope.GROUP, group, unnuke);
        }
    }

    private void increment(Scope scope, String subject, boolean unnuke) {
        counts.computeIfAbsent(scope.name() + '/' + subject, k -> new long[2])[unnuke ? 1 : 0]++;
    }

    List<NukeCount> toNukeCounts() {
        List<NukeCount> out = new ArrayList<>(counts.size());
        counts.forEach((key, n) -> {
            int slash = key.indexOf('/');
            out.add(new NukeCount(Scope.valueOf(key.substring(0, slash)), key.substring(slash + 1), n[0], n[1]));
        });
        return out;
    }
}
