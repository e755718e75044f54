package dev.releasewatch.detect;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.releasewatch.avro.Scope;

/**
 * The subjects' states in the {@link SubjectStore}: one entry per subject under {@code s/<scope code>/<subject>}
 * ({@link SubjectKeys}), each bounded (a category's groups are capped, see {@link Contributors}), and listed by scope
 * with a prefix scan, so no value lists the subjects.
 */
final class SubjectStates {

    private final SubjectStore store;
    private final DetectorSettings settings;

    SubjectStates(SubjectStore store, DetectorSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    SubjectStore store() {
        return store;
    }

    SubjectState load(String key) {
        byte[] bytes = store.get(SubjectKeys.stateKey(key));
        return bytes == null ? null : SubjectStateCodec.decode(bytes, settings.historyDays());
    }

    SubjectState create(String key) {
        return new SubjectState(SubjectKeys.scopeOf(key), SubjectKeys.subjectOf(key), settings.historyDays());
    }

    SubjectState loadOrCreate(String key) {
        SubjectState s = load(key);
        return s != null ? s : create(key);
    }

    void save(String key, SubjectState s) {
        store.put(SubjectKeys.stateKey(key), SubjectStateCodec.encode(s));
    }

    void delete(String key) {
        store.delete(SubjectKeys.stateKey(key));
    }

    /** Every stored subject of {@code scope}, by key, in key order. */
    Map<String, SubjectState> loadScope(Scope scope) {
        Map<String, SubjectState> out = new TreeMap<>();
        int skip = SubjectKeys.STATE_PREFIX.length();
        for (var e : store.prefixScan(SubjectKeys.statePrefix(scope))) {
            out.put(e.getKey().substring(skip), SubjectStateCodec.decode(e.getValue(), settings.historyDays()));
        }
        return out;
    }

    /**
     * The stored subjects of {@code scopes}, and those with a count or nukes in the window (created when new), in key
     * order: groups are listed only so, or when due ({@link GroupSchedule#loadDue}), never all of them.
     */
    Map<String, SubjectState> loadWith(List<Scope> scopes, Map<String, Long> counts, Map<String, long[]> nukes) {
        Map<String, SubjectState> loaded = new TreeMap<>();
        for (Scope scope : scopes) {
            loaded.putAll(loadScope(scope));
        }
        for (String key : counts.keySet()) {
            loaded.computeIfAbsent(key, this::loadOrCreate);
        }
        for (String key : nukes.keySet()) {
            loaded.computeIfAbsent(key, this::loadOrCreate);
        }
        return loaded;
    }

    /** The last local day closed: the feed's newest day; {@link Long#MIN_VALUE} before any. */
    long lastClosedDay() {
        SubjectState feed = load(SubjectKeys.keyOf(Scope.TOTAL, "*"));
        return feed == null ? Long.MIN_VALUE : feed.newestDay;
    }
}
