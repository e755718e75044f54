package dev.releasewatch.produce.ingest;

import java.util.Locale;

/** How an ingest request body is laid out. */
public enum BodyFormat {
    /** One JSON array of record objects (a single object is read as an array of one). */
    JSON_ARRAY,
    /** JSON Lines: one record object a line; each line stands or falls on its own. */
    JSON_LINES;

    /**
     * Decides the layout: a declared {@code Content-Type} wins ({@code application/json} = array;
     * {@code application/x-ndjson}, {@code application/jsonl}, {@code application/json-lines} = lines); otherwise,
     * because shell tools often send {@code text/plain} or nothing, the first non-blank byte decides: {@code [} reads
     * as an array, anything else as lines (a body of one object is then a one-line body).
     *
     * @param contentType the request's Content-Type header, may be null
     * @param body        the request body
     * @param start       offset of the first byte after a byte-order mark
     * @return the layout
     */
    public static BodyFormat of(String contentType, byte[] body, int start) {
        if (contentType != null) {
            String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            switch (type) {
                case "application/json":
                    return JSON_ARRAY;
                case "application/x-ndjson", "application/jsonl", "application/json-lines", "application/x-jsonlines":
                    return JSON_LINES;
                default:
                    break;
            }
        }
        for (int i = start; i < body.length; i++) {
            byte b = body[i];
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                continue;
            }
            return b == '[' ? JSON_ARRAY : JSON_LINES;
        }
        return JSON_LINES;
    }
}
