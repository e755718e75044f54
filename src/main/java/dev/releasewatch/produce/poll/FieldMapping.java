package dev.releasewatch.produce.poll;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.feed.JsonLineParser;
import dev.releasewatch.feed.RecordRejectedException;

/**
 * Where an API response keeps its releases: the array of items and, inside each item, the name, section and time.
 *
 * <p>A path is a JSON pointer when it starts with {@code /} ({@code /data/rows}, {@code /0/name}), otherwise dotted
 * ({@code data.rows}; a number indexes an array); an empty items path means the response itself is the array. The
 * mapped fields are copied into a {@code {name, section, time}} object and read by the feed's own
 * {@link JsonLineParser}, so an API item is accepted exactly when the same line in a feed file would be (time as ISO
 * text or epoch seconds, string name, and so on).
 *
 * @param items   pointer to the array of items
 * @param name    pointer, inside an item, to the release name
 * @param section pointer to the section, or null when the API has none
 * @param time    pointer to the announcement time
 */
public record FieldMapping(JsonPointer items, JsonPointer name, JsonPointer section, JsonPointer time) {

    /**
     * Compiles the mapping from paths.
     *
     * @throws IllegalArgumentException when a path is malformed
     */
    public static FieldMapping of(String items, String name, String section, String time) {
        return new FieldMapping(
                pointer(items),
                pointer(name),
                section == null || section.isBlank() ? null : pointer(section),
                pointer(time));
    }

    /** Turns a dotted path or a JSON pointer into a pointer. */
    static JsonPointer pointer(String path) {
        if (path == null || path.isBlank()) {
            return JsonPointer.empty();
        }
        String p = path.strip();
        if (p.startsWith("/")) {
            return JsonPointer.compile(p);
        }
        StringBuilder b = new StringBuilder();
        for (String segment : p.split("\\.", -1)) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("empty segment in path '" + path + "'");
            }
            b.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
        }
        return JsonPointer.compile(b.toString());
    }

    /**
     * The releases of one response.
     *
     * @param records  valid items, in response order
     * @param rejected items that are not valid records (missing name, bad time...)
     * @param firstRejection reason of the first rejected item, or null
     * @param nukes    NUKE / UNNUKE events of the items' nuke state ({@link FeedDialect#PREDB_OVH}), in item order
     */
    public record Page(
            List<ReleaseAnnouncement> records, int rejected, String firstRejection, List<ReleaseAnnouncement> nukes) {

        /** A page without nuke information. */
        public Page(List<ReleaseAnnouncement> records, int rejected, String firstRejection) {
            this(records, rejected, firstRejection, List.of());
        }
    }

    /**
     * Extracts the releases of a response.
     *
     * @param response the parsed response
     * @param source   source id stamped on every record
     * @param parser   the feed's record parser
     * @return the page
     * @throws IllegalArgumentException when the items path does not lead to an array (the API changed shape:
     *                                  a failed poll, not an empty one)
     */
    public Page extract(JsonNode response, String source, JsonLineParser parser) {
        return extract(response, source, parser, FeedDialect.GENERIC);
    }

    /**
     * Extracts the releases of a response, and with {@link FeedDialect#PREDB_OVH} the nuke events of its rows.
     *
     * @throws IllegalArgumentException when the items path does not lead to an array
     */
    public Page extract(JsonNode response, String source, JsonLineParser parser, FeedDialect dialect) {
        JsonNode array = response.at(items);
        if (!array.isArray()) {
            throw new IllegalArgumentException("items path '" + items + "' is not an array in the response (found "
                    + array.getNodeType().name().toLowerCase(Locale.ROOT) + ")");
        }
        return rows(array, source, parser, dialect);
    }

    /** The releases (and nuke events) of items already taken out of a response, e.g. pushed by a live feed. */
    public Page rows(Iterable<JsonNode> array, String source, JsonLineParser parser, FeedDialect dialect) {
        List<ReleaseAnnouncement> records = new ArrayList<>();
        List<ReleaseAnnouncement> nukes = new ArrayList<>();
        int rejected = 0;
        String first = null;
        for (JsonNode item : array) {
            ObjectNode mapped = JsonNodeFactory.instance.objectNode();
            copy(item, name, mapped, "name");
            copy(item, time, mapped, "time");
            if (section != null) {
                copy(item, section, mapped, "section");
            }
            try {
                ReleaseAnnouncement release = parser.parse(mapped, source);
                records.add(release);
                if (dialect == FeedDialect.PREDB_OVH) {
                    ReleaseAnnouncement nuke = PredbOvhRows.nukeEvent(item, release);
                    if (nuke != null) {
                        nukes.add(nuke);
                    }
                }
            } catch (RecordRejectedException e) {
                rejected++;
                first = first == null ? e.getMessage() : first;
            }
        }
        return new Page(records, rejected, first, nukes);
    }

    private static void copy(JsonNode item, JsonPointer from, ObjectNode to, String field) {
        JsonNode value = item.at(from);
        if (!value.isMissingNode()) {
            to.set(field, value);
        }
    }
}
