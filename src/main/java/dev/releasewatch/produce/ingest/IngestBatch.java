package dev.releasewatch.produce.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.releasewatch.avro.ReleaseAnnouncement;

/**
 * The outcome of parsing one request body: the valid records, in body order, and the rejected ones.
 *
 * @param records     valid records, ready to publish
 * @param indexes     the body index of each record ({@code indexes.get(i)} is where {@code records.get(i)} was), so
 *                    a record that Kafka refuses later is reported at the same index a parse error would be
 * @param rejected    number of rejected records
 * @param rejections  the first rejections (at most the parser's limit), for the answer
 */
public record IngestBatch(
        List<ReleaseAnnouncement> records, List<Integer> indexes, int rejected, List<Rejection> rejections) {

    /** Copies the lists and checks that every record has an index. */
    public IngestBatch {
        records = List.copyOf(records);
        indexes = List.copyOf(indexes);
        rejections = List.copyOf(rejections);
        if (records.size() != indexes.size()) {
            throw new IllegalArgumentException(records.size() + " records but " + indexes.size() + " indexes");
        }
    }

    /**
     * This batch's rejections together with {@code later} ones (records refused after parsing), the first
     * {@code maxListed} in body order. Correct although the parser kept only its first {@code maxListed}: whatever
     * it dropped comes after all of those, so it cannot be among the first {@code maxListed} of the union either.
     */
    public List<Rejection> rejectionsWith(List<Rejection> later, int maxListed) {
        List<Rejection> all = new ArrayList<>(rejections);
        all.addAll(later);
        all.sort(Comparator.comparingInt(Rejection::index));
        return List.copyOf(all.subList(0, Math.min(maxListed, all.size())));
    }
}
