package dev.releasewatch.detect;

import java.util.ArrayList;
import java.util.List;

import dev.releasewatch.avro.ClosedWindow;
import dev.releasewatch.avro.Contribution;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.SubjectCount;

/**
 * A long tail of small groups added to a feed's windows: {@value #PER_DAY} new groups every day, each releasing once,
 * in category TAIL; the shape of a public indexer's uploaders, for measuring what idle groups cost the detector.
 */
public final class LongTail {

    /** New groups a day. */
    public static final int PER_DAY = 280;

    private LongTail() {}

    /** The windows with {@link #PER_DAY} new groups in every DAY window. */
    public static List<ClosedWindow> added(List<ClosedWindow> windows) {
        List<ClosedWindow> out = new ArrayList<>();
        for (ClosedWindow w : windows) {
            if (w.getGranularity() == Granularity.DAY) {
                long day = w.getWindowStart().getEpochSecond() / 86_400;
                List<SubjectCount> counts = new ArrayList<>(w.getCounts());
                List<Contribution> contributions = new ArrayList<>(w.getContributions());
                for (int i = 0; i < PER_DAY; i++) {
                    String group = "tail-" + day + "-" + i;
                    counts.add(new SubjectCount(Scope.GROUP, group, 1L));
                    contributions.add(new Contribution("TAIL", group, 1L));
                }
                counts.add(new SubjectCount(Scope.CATEGORY, "TAIL", (long) PER_DAY));
                out.add(ClosedWindow.newBuilder(w)
                        .setCounts(counts)
                        .setContributions(contributions)
                        .build());
            } else {
                out.add(w);
            }
        }
        return out;
    }
}
