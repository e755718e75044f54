package dev.releasewatch.produce.poll;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
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
 * <p><b>Nukes.</b> An API that reports a release's nuke state on its row (predb.ovh) repeats it on every poll, and a
 * nuke comes long after the release, at a time the time cursor says nothing about. So the cursor also keeps the last
 * nuke state published per release ({@code NUKE} or {@code UNNUKE}): an event is published when the state differs,
 * which makes each nuke and each unnuke one event, and a reason change ({@code modnuke}) none. The map keeps the
 * {@link #MAX_NUKES} most recently changed releases: older ones are past every window that could still count them.
 *
 * <p>Stored as JSON (small, and readable with {@code kafka-console-consumer} when debugging a poller).
 *
 * @param time  newest announcement time published, or null before the first release
 * @param names keys of the releases published at {@code time}
 * @param nukes last nuke state published per release key, oldest change first
 */
public record PollCursor(Instant time, Set<String> names, Map<String, String> nukes) {

    /** Most releases whose nuke state the cursor remembers (about 60 bytes each in the cursor record). */
    public static final int MAX_NUKES = 5000;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Copies the names and the nuke states (keeping their order). */
    public PollCursor {
        names = Set.copyOf(names);
        nukes = Collections.unmodifiableMap(new LinkedHashMap<>(nukes));
    }

    /** A cursor with no nuke state. */
    public PollCursor(Instant time, Set<String> names) {
        this(time, names, Map.of());
    }

    /**
     * The nuke events that change the state this cursor remembers, each release's last event only.
     *
     * @param events NUKE / UNNUKE events as read from a page
     */
    public List<ReleaseAnnouncement> unseenNukes(List<ReleaseAnnouncement> events) {
        Map<String, ReleaseAnnouncement> last = new LinkedHashMap<>();
        events.forEach(e -> last.put(FeedPublisher.key(e), e));
        List<ReleaseAnnouncement> fresh = new ArrayList<>();
        last.forEach((key, e) -> {
            if (!e.getKind().name().equals(nukes.get(key))) {
                fresh.add(e);
            }
        });
        return fresh;
    }

    /** The cursor after publishing the nuke events {@code published} (as returned by {@link #unseenNukes}). */
    public PollCursor afterNukes(List<ReleaseAnnouncement> published) {
        if (published.isEmpty()) {
            return this;
        }
        LinkedHashMap<String, String> next = new LinkedHashMap<>(nukes);
        for (ReleaseAnnouncement e : published) {
            String key = FeedPublisher.key(e);
            next.remove(key);
            next.put(key, e.getKind().name());
        }
        Iterator<String> oldest = next.keySet().iterator();
        while (next.size() > MAX_NUKES) {
            oldest.next();
            oldest.remove();
        }
        return new PollCursor(time, names, next);
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
        return new PollCursor(newest, at, nukes);
    }

    /** JSON bytes for the cursor topic. */
    public byte[] toJson() {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("time", time == null ? null : time.toString());
        node.putPOJO("names", new TreeSet<>(names));
        if (!nukes.isEmpty()) {
            node.putPOJO("nukes", nukes);
        }
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
        Map<String, String> nukes = new LinkedHashMap<>();
        node.path("nukes")
                .properties()
                .forEach(e -> nukes.put(e.getKey(), e.getValue().asText()));
        JsonNode t = node.get("time");
        return new PollCursor(t == null || t.isNull() ? null : Instant.parse(t.asText()), names, nukes);
    }
}
