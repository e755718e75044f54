package dev.releasewatch.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * A time-ordered index of names in the {@link SubjectStore}: one empty-valued key {@code <prefix><time>/<name>} per
 * name, the time as 16 hex digits of its sign-flipped value so that the keys sort by time. It is how the engine finds
 * the few subjects that need a look now (a group whose silence may have become alarming, a group due for its daily
 * verdict) without reading every one: a range scan up to now costs what it returns.
 *
 * <p>The index does not know where a name is due: its owner keeps the time it was added with (in the name's own state)
 * and passes it back to {@link #remove}.
 */
final class DueIndex {

    private static final byte[] EMPTY = new byte[0];

    private final SubjectStore store;
    private final String prefix;

    DueIndex(SubjectStore store, String prefix) {
        this.store = store;
        this.prefix = prefix;
    }

    void add(long time, String name) {
        store.put(key(time, name), EMPTY);
    }

    void remove(long time, String name) {
        store.delete(key(time, name));
    }

    /** Moves {@code name} from {@code from} to {@code to}; {@link Long#MIN_VALUE} on either side: not indexed. */
    void move(long from, long to, String name) {
        if (from == to) {
            return;
        }
        if (from != Long.MIN_VALUE) {
            remove(from, name);
        }
        if (to != Long.MIN_VALUE) {
            add(to, name);
        }
    }

    /** The names due at or before {@code time}, earliest first. */
    List<Due> dueBy(long time) {
        List<Due> out = new ArrayList<>();
        // every key of a time up to this one sorts below the bare next time (which is never a key itself)
        for (var e : store.range(prefix, prefix + encode(time + 1))) {
            String rest = e.getKey().substring(prefix.length());
            out.add(new Due(Long.parseUnsignedLong(rest.substring(0, 16), 16) ^ Long.MIN_VALUE, rest.substring(17)));
        }
        return out;
    }

    /** One entry of the index. */
    record Due(long time, String name) {}

    private String key(long time, String name) {
        return prefix + encode(time) + "/" + name;
    }

    private static String encode(long time) {
        String hex = Long.toHexString(time ^ Long.MIN_VALUE);
        return "0".repeat(16 - hex.length()) + hex;
    }
}
