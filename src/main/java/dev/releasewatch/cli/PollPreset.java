package dev.releasewatch.cli;

import dev.releasewatch.produce.poll.FeedDialect;

/**
 * Ready-made settings of {@code poll} for public pre APIs whose format is documented; any option given on the
 * command line wins over the preset's value.
 *
 * @param url       polling endpoint
 * @param itemsPath path of the items in a response
 * @param name      path of the release name in an item
 * @param section   path of the section
 * @param time      path of the pre time
 * @param dialect   envelope and nuke format
 * @param rateLimit requests per minute the service allows (0 = none)
 * @param liveUrl   the service's live WebSocket feed, used with {@code --live}; null when it has none
 */
record PollPreset(
        String url,
        String itemsPath,
        String name,
        String section,
        String time,
        FeedDialect dialect,
        int rateLimit,
        String liveUrl) {

    /** No preset: a generic JSON API whose paths are given by the options. */
    static final PollPreset GENERIC = new PollPreset(null, "", "name", "section", "time", FeedDialect.GENERIC, 0, null);

    /**
     * predb.ovh API v1: {@code {"status","message","data":{"rows":[{name, team, cat, preAt, nuke}]}}}, the latest
     * 100 rows per request, at most 30 requests a minute; live rows on {@code /api/v1/ws}.
     */
    static final PollPreset PREDB_OVH = new PollPreset(
            "https://predb.ovh/api/v1/?count=100",
            "data.rows",
            "name",
            "cat",
            "preAt",
            FeedDialect.PREDB_OVH,
            30,
            "wss://predb.ovh/api/v1/ws");

    /** The preset of a {@code --preset} value. */
    static PollPreset of(String name) {
        return switch (name) {
            case "none", "generic" -> GENERIC;
            case "predb-ovh" -> PREDB_OVH;
            default ->
                throw new IllegalArgumentException(
                        "--preset: unknown preset '" + name + "' (known: predb-ovh, generic)");
        };
    }
}
