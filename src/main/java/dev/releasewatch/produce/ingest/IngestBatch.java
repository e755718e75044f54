package dev.releasewatch.produce.ingest;

import dev.releasewatch.avro.ReleaseAnnouncement;
import java.util.List;

/**
 * The outcome of parsing one request body: the valid records, in body order, and the rejected ones.
 *
 * @param records     valid records, ready to publish
 * @param rejected    number of rejected records
 * @param rejections  the first rejections (at most the parser's limit), for the answer
 */
public record IngestBatch(List<ReleaseAnnouncement> records, int rejected, List<Rejection> rejections) {

    /** Copies the lists. */
    public IngestBatch {
        records = List.copyOf(records);
        rejections = List.copyOf(rejections);
    }
}
