package dev.releasewatch.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.releasewatch.avro.ClosedWindow;
import dev.releasewatch.avro.Contribution;
import dev.releasewatch.avro.NukeCount;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.SourceActivity;
import dev.releasewatch.avro.SubjectCount;
import dev.releasewatch.avro.WindowBatch;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KeyValue;

/**
 * Which detect partition owns which subject, and the records one counting task's {@link WindowBatch} becomes on its
 * way to the detecting tasks.
 *
 * <p>The split follows what grows and what needs a view across subjects:
 * <ul>
 *   <li><b>groups</b> are the subjects whose number has no bound (producers name them; public indexers have 10⁵–10⁶),
 *   so each group, its counts and its nukes go to one partition, chosen by a hash of its name; that spreads the
 *   per-group work and state over every detecting task of every instance;</li>
 *   <li><b>the feed-wide part</b> (the TOTAL, the categories, their nukes, the sources) is small and bounded (the
 *   categories are a fixed set, the sources at most {@code sources.max} + 1 per task) and every judgement needs it:
 *   the feed's weekday profile is every subject's prior, a group alert says whether it opened during a feed-wide
 *   collapse, every alert's cause comes from the sources. So every detect partition receives it and keeps the same
 *   feed-wide state (same inputs, same order of windows: the same state), while only partition {@link #OWNER}
 *   publishes the feed-wide counts and alerts;</li>
 *   <li><b>contributions</b> (which group delivered how much to which category, DAY windows) only serve to name the
 *   groups missing from a category's drop, which partition {@link #OWNER} writes, so they go there.</li>
 * </ul>
 *
 * <p>Each detect partition receives one record per batch: its share, marked {@code closing}, so it can move the
 * sending partition's watermark. A share larger than {@link #PAGE_BYTES} sends its groups and contributions ahead in
 * pages (not closing): no record grows with the number of groups, and the closing record still follows every page
 * of its batch on that partition (one producer, one partition: Kafka keeps the order).
 */
final class DetectShards {

    /** The detect partition that publishes the feed-wide counts and alerts and names a category's missing groups. */
    static final int OWNER = 0;
    /**
     * Rough size above which a share is paged: far under the broker's 1 MiB default message limit (a record over it
     * would kill the exactly-once task), large enough that a normal feed's share is one record.
     */
    static final int PAGE_BYTES = 64 * 1024;
    /** Avro overhead of one entry beyond its strings (a long count, enums, array framing), rounded up. */
    private static final int ENTRY_BYTES = 16;

    private final int partitions;

    DetectShards(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("detect partitions must be at least 1, got " + partitions);
        }
        this.partitions = partitions;
    }

    int partitions() {
        return partitions;
    }

    /** The detect partition that owns a group: murmur2 of its name, as Kafka's default partitioner hashes keys. */
    static int partitionOf(String group, int partitions) {
        return Utils.toPositive(Utils.murmur2(group.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The record key that sends a record to {@code partition} (read back by {@link #partitionOfKey}). */
    static byte[] keyOf(int partition) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(partition).array();
    }

    /** The partition a key written by {@link #keyOf} names. */
    static int partitionOfKey(byte[] key) {
        if (key == null || key.length != Integer.BYTES) {
            throw new IllegalStateException("a detect record's key must name its partition in 4 bytes");
        }
        return ByteBuffer.wrap(key).getInt();
    }

    /**
     * The records {@code batch} becomes: for every detect partition, its pages (if any) and then its closing share,
     * in that order.
     */
    List<KeyValue<byte[], WindowBatch>> split(WindowBatch batch) {
        List<Share[]> windows = new ArrayList<>();
        for (ClosedWindow w : batch.getWindows()) {
            windows.add(shares(w));
        }
        List<KeyValue<byte[], WindowBatch>> out = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            byte[] key = keyOf(p);
            List<ClosedWindow> closing = new ArrayList<>();
            for (Share[] shares : windows) {
                for (ClosedWindow page : shares[p].pages()) {
                    out.add(KeyValue.pair(key, record(batch, List.of(page), false)));
                }
                closing.add(shares[p].closing());
            }
            out.add(KeyValue.pair(key, record(batch, closing, true)));
        }
        return out;
    }

    private static WindowBatch record(WindowBatch batch, List<ClosedWindow> windows, boolean closing) {
        return WindowBatch.newBuilder()
                .setSourcePartition(batch.getSourcePartition())
                .setWatermark(batch.getWatermark())
                .setClosing(closing)
                .setWindows(windows)
                .build();
    }

    /** One window's share for one partition: the pages sent ahead, and what goes in the closing record. */
    private record Share(List<ClosedWindow> pages, ClosedWindow closing) {}

    /** Every partition's share of one window, each group hashed once. */
    private Share[] shares(ClosedWindow w) {
        List<SubjectCount> feedCounts = new ArrayList<>();
        List<List<SubjectCount>> groupCounts = perPartition();
        for (SubjectCount c : w.getCounts()) {
            if (c.getScope() != Scope.GROUP) {
                feedCounts.add(c);
            } else {
                groupCounts.get(partitionOf(c.getSubject(), partitions)).add(c);
            }
        }
        List<NukeCount> feedNukes = new ArrayList<>();
        List<List<NukeCount>> groupNukes = perPartition();
        for (NukeCount n : w.getNukes()) {
            if (n.getScope() != Scope.GROUP) {
                feedNukes.add(n);
            } else {
                groupNukes.get(partitionOf(n.getSubject(), partitions)).add(n);
            }
        }
        Share[] shares = new Share[partitions];
        for (int p = 0; p < partitions; p++) {
            shares[p] = share(
                    w,
                    new ArrayList<>(feedCounts),
                    groupCounts.get(p),
                    new ArrayList<>(feedNukes),
                    groupNukes.get(p),
                    p == OWNER ? w.getContributions() : List.of());
        }
        return shares;
    }

    private <T> List<List<T>> perPartition() {
        List<List<T>> lists = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            lists.add(new ArrayList<>());
        }
        return lists;
    }

    /** One partition's share, given the feed-wide entries (its own copies) and the groups it owns. */
    private static Share share(
            ClosedWindow w,
            List<SubjectCount> feedCounts,
            List<SubjectCount> groupCounts,
            List<NukeCount> feedNukes,
            List<NukeCount> groupNukes,
            List<Contribution> contributions) {
        long bytes = 0;
        for (SubjectCount c : groupCounts) {
            bytes += c.getSubject().length() + ENTRY_BYTES;
        }
        for (NukeCount n : groupNukes) {
            bytes += n.getSubject().length() + ENTRY_BYTES;
        }
        for (Contribution c : contributions) {
            bytes += c.getCategory().length() + c.getGroup().length() + ENTRY_BYTES;
        }
        if (bytes <= PAGE_BYTES) {
            feedCounts.addAll(groupCounts);
            feedNukes.addAll(groupNukes);
            return new Share(List.of(), window(w, feedCounts, contributions, feedNukes, w.getSources()));
        }
        return new Share(
                pages(w, groupCounts, contributions, groupNukes),
                window(w, feedCounts, List.of(), feedNukes, w.getSources()));
    }

    /** Groups and contributions cut into windows of at most about {@link #PAGE_BYTES} each. */
    private static List<ClosedWindow> pages(
            ClosedWindow w, List<SubjectCount> counts, List<Contribution> contributions, List<NukeCount> nukes) {
        List<ClosedWindow> pages = new ArrayList<>();
        Page page = new Page();
        for (SubjectCount c : counts) {
            page = page.fits(c.getSubject().length(), w, pages);
            page.counts.add(c);
        }
        for (NukeCount n : nukes) {
            page = page.fits(n.getSubject().length(), w, pages);
            page.nukes.add(n);
        }
        for (Contribution c : contributions) {
            page = page.fits(c.getCategory().length() + c.getGroup().length(), w, pages);
            page.contributions.add(c);
        }
        page.flush(w, pages);
        return pages;
    }

    /** A page being filled. */
    private static final class Page {
        final List<SubjectCount> counts = new ArrayList<>();
        final List<Contribution> contributions = new ArrayList<>();
        final List<NukeCount> nukes = new ArrayList<>();
        long bytes;

        /** This page if an entry of {@code length} more bytes fits in it, else a new one (this one is flushed). */
        Page fits(int length, ClosedWindow w, List<ClosedWindow> pages) {
            long entry = length + ENTRY_BYTES;
            Page target = this;
            if (bytes > 0 && bytes + entry > PAGE_BYTES) {
                flush(w, pages);
                target = new Page();
            }
            target.bytes += entry;
            return target;
        }

        void flush(ClosedWindow w, List<ClosedWindow> pages) {
            if (bytes > 0) {
                pages.add(window(w, counts, contributions, nukes, List.of()));
            }
        }
    }

    private static ClosedWindow window(
            ClosedWindow w,
            List<SubjectCount> counts,
            List<Contribution> contributions,
            List<NukeCount> nukes,
            List<SourceActivity> sources) {
        return new ClosedWindow(
                w.getGranularity(), w.getWindowStart(), w.getWindowEnd(), counts, contributions, nukes, sources);
    }
}
