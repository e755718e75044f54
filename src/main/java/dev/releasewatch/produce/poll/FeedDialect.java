package dev.releasewatch.produce.poll;

/**
 * How an API wraps its releases beyond the {@link FieldMapping}: {@link #GENERIC} takes the items as they are;
 * {@link #PREDB_OVH} reads predb.ovh's v1 envelope ({@code {"status", "message", "data"}}), treats
 * {@code "status": "error"} (sent with HTTP 200) as a failed poll, and turns each row's {@code nuke} object into
 * NUKE / UNNUKE events ({@link PredbOvhRows}).
 */
public enum FeedDialect {
    /** Items as mapped, no envelope, no nuke information. */
    GENERIC,
    /** predb.ovh API v1: envelope, error status, nuke objects, live WebSocket frames. */
    PREDB_OVH
}
