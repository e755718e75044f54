package dev.releasewatch.produce.poll;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.produce.FeedPublisher;

/**
 * How far a poller has published: the newest announcement time seen, and the release keys (lower-cased names) seen
 * at exactly that time.
 *
 * <p>The names are what make the cursor exact: APIs give times to the second, several releases share a second,
 * and one of them may show up in the API a poll later than its siblings. "time &gt; cursor" would lose it; "time
 * &ge; cursor" would repeat the siblings. With the names, an item is new when its time is after the cursor, or equal
 * to it with a name not yet seen. Items older than the cursor are taken as seen: the API is read as a log ordered by
 * time, so a release the API inserts later with an older time than everything already published is not picked up.
 *
 * <p>Stored as JSON (small, and readable with {@code kafka-console-consumer} when debugging a poller).
 *
 * @param time  newest announcement time published, or null before the first release
 * @param names keys of the releases published at {@code time}
 */
public record PollCursor(Instant time, Set<String> names) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Copies the names. */
    public PollCursor {
        names = Set.copyOf(names);
    }

    /** The cursor of a poller that has published nothing. */
    public static PollCursor empty() {
        return new PollCursor(null, Set.of());
    }

    /**
     * The new releases of a page, in publishing order (time, then key), each release once.
     *
     * @param page releases as the API returned them, in any order
     * @return the releases this cursor does not cover
     */
    public List<ReleaseAnnouncement> unseen(List<ReleaseAnnouncement> page) {
        Map<String, ReleaseAnnouncement> fresh = new LinkedHashMap<>();
        page.stream()
                .sorted(Comparator.comparing(ReleaseAnnouncement::getTime).thenComparing(FeedPublisher::key))
                .filter(r -> !covers(r))
                .forEach(r -> fresh.putIfAbsent(FeedPublisher.key(r), r));
        return new ArrayList<>(fresh.values());
    }

    /** Whether a release is already published according to this cursor. */
    public boolean covers(ReleaseAnnouncement r) {
        if (time == null) {
            return false;
        }
        int c = r.getTime().compareTo(time);
        return c < 0 || (c == 0 && names.contains(FeedPublisher.key(r)));
    }

    /** The cursor after publishing {@code published} (as returned by {@link #unseen}). */
    public PollCursor after(List<ReleaseAnnouncement> published) {
        if (published.isEmpty()) {
            return this;
        }
        Instant newest = published.get(published.size() - 1).getTime();
        Set<String> at = new HashSet<>(newest.equals(time) ? names : Set.of());
        published.stream().filter(r -> r.getTime().equals(newest)).forEach(r -> at.add(FeedPublisher.key(r)));
        return new PollCursor(newest, at);
    }

    /** JSON bytes for the cursor topic. */
    public byte[] toJson() {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("time", time == null ? null : time.toString());
        node.putPOJO("names", new TreeSet<>(names));
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a cursor written by {@link #toJson()}.
     *
     * @throws IOException when the bytes are not a cursor
     */
    public static PollCursor fromJson(byte[] bytes) throws IOException {
        JsonNode node = MAPPER.readTree(bytes);
        if (node == null || !node.isObject() || !node.path("names").isArray()) {
            throw new IOException("not a poller cursor");
        }
        Set<String> names = new HashSet<>();
        node.get("names").forEach(n -> names.add(n.asText()));
        JsonNode t = node.get("time");
        return new PollCursor(t == null || t.isNull() ? null : Instant.parse(t.asText()), names);
    }
}
