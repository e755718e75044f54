package dev.releasewatch.detect;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.AlertState;
import dev.releasewatch.avro.ClosedWindow;
import dev.releasewatch.avro.Contribution;
import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.SubjectCount;
import dev.releasewatch.feed.ReleaseClassifier;
import dev.releasewatch.feed.SectionClassifier;
import dev.releasewatch.feed.synth.Incident;
import dev.releasewatch.feed.synth.Scenario;
import dev.releasewatch.feed.synth.Scenarios;

/**
 * Runs a scenario of the suite through the detector core without Kafka: counts the scenario's feed per hour and day the
 * way the counting processor does (de-duplicated by lower-cased name at the earliest time, classified by the default
 * classifier) and hands the windows to a {@link DetectionEngine}. A quick approximation of {@code evaluate-scenarios}
 * for tuning; the integration test remains the judge.
 */
public final class ScenarioHarness {

    /** Result of one scenario. */
    public record Outcome(
            Scenario scenario, List<Alert> alerts, Map<Incident, Duration> delays, List<Alert> falseAlerts) {
        boolean targetsMet() {
            for (var e : delays.entrySet()) {
                if (e.getValue() == null
                        || e.getValue().compareTo(e.getKey().kind().maxDetectionDelay()) > 0) {
                    return false;
                }
            }
            return falseAlerts.isEmpty();
        }
    }

    private ScenarioHarness() {}

    /** The windows the topology would hand the engine for the scenario's feed with its own seed. */
    public static List<ClosedWindow> windows(Scenario scenario) {
        return windows(scenario, scenario.settings().seed());
    }

    /** The windows the topology would hand the engine for the scenario's feed with another seed. */
    public static List<ClosedWindow> windows(Scenario scenario, long seed) {
        ReleaseClassifier classifier = SectionClassifier.defaults();
        Map<String, Long> first = new HashMap<>();
        Map<String, ReleaseAnnouncement> byKey = new HashMap<>();
        for (ReleaseAnnouncement a : (Iterable<ReleaseAnnouncement>) scenario.feed(seed)::iterator) {
            if (a.getKind() != EventKind.RELEASE) {
                continue;
            }
            String key = a.getName().toLowerCase(Locale.ROOT);
            long t = a.getTime().toEpochMilli();
            Long prev = first.get(key);
            if (prev == null || t < prev) {
                first.put(key, t);
                if (prev == null) {
                    byKey.put(key, a);
                }
            }
        }
        long hourMs = Duration.ofHours(1).toMillis();
        TreeMap<Long, Map<String, long[]>> hours = new TreeMap<>();
        for (var e : first.entrySet()) {
            ReleaseAnnouncement a = byKey.get(e.getKey());
            String category = classifier.category(a.getSection(), a.getName());
            String group = classifier.group(a.getName());
            long h = Math.floorDiv(e.getValue(), hourMs);
            Map<String, long[]> m = hours.computeIfAbsent(h, x -> new HashMap<>());
            m.computeIfAbsent("C\u0000" + category, x -> new long[1])[0]++;
            m.computeIfAbsent("G\u0000" + group, x -> new long[1])[0]++;
            m.computeIfAbsent("T\u0000*", x -> new long[1])[0]++;
            m.computeIfAbsent("X\u0000" + category + "\u0000" + group, x -> new long[1])[0]++;
        }
        long fromH = scenario.settings().from().atStartOfDay(ZoneOffset.UTC).toEpochSecond() / 3600;
        long toH = scenario.settings()
                        .to()
                        .plusDays(1)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toEpochSecond()
                / 3600;
        List<ClosedWindow> out = new ArrayList<>();
        Map<String, Long> day = new HashMap<>();
        for (long h = fromH; h < toH; h++) {
            Map<String, long[]> m = hours.getOrDefault(h, Map.of());
            List<SubjectCount> counts = new ArrayList<>();
            for (var e : m.entrySet()) {
                day.merge(e.getKey(), e.getValue()[0], Long::sum);
                String[] p = e.getKey().split("\u0000");
                switch (p[0]) {
                    case "C" -> counts.add(new SubjectCount(Scope.CATEGORY, p[1], e.getValue()[0]));
                    case "G" -> counts.add(new SubjectCount(Scope.GROUP, p[1], e.getValue()[0]));
                    case "T" -> counts.add(new SubjectCount(Scope.TOTAL, "*", e.getValue()[0]));
                    default -> {}
                }
            }
            Instant start = Instant.ofEpochSecond(h * 3600);
            out.add(new ClosedWindow(
                    Granularity.HOUR, start, start.plusSeconds(3600), counts, List.of(), List.of(), List.of()));
            if ((h + 1) % 24 == 0) {
                List<SubjectCount> dc = new ArrayList<>();
                List<Contribution> contribs = new ArrayList<>();
                for (var e : new TreeMap<>(day).entrySet()) {
                    String[] p = e.getKey().split("\u0000");
                    switch (p[0]) {
                        case "C" -> dc.add(new SubjectCount(Scope.CATEGORY, p[1], e.getValue()));
                        case "G" -> dc.add(new SubjectCount(Scope.GROUP, p[1], e.getValue()));
                        case "T" -> dc.add(new SubjectCount(Scope.TOTAL, "*", e.getValue()));
                        default -> contribs.add(new Contribution(p[1], p[2], e.getValue()));
                    }
                }
                Instant ds = Instant.ofEpochSecond((h - 23) * 3600);
                out.add(new ClosedWindow(
                        Granularity.DAY, ds, ds.plus(Duration.ofDays(1)), dc, contribs, List.of(), List.of()));
                day.clear();
            }
        }
        return out;
    }

    /** Runs the windows through a fresh engine and scores the FIRING alerts against the scenario's ground truth. */
    public static Outcome run(Scenario scenario, List<ClosedWindow> windows, DetectorSettings settings) {
        DetectionEngine engine = new DetectionEngine(settings, new InMemorySubjectStore());
        List<Alert> alerts = new ArrayList<>();
        for (ClosedWindow w : windows) {
            alerts.addAll(engine.windowClosed(w).alerts());
        }
        List<Alert> firing =
                alerts.stream().filter(a -> a.getState() == AlertState.FIRING).toList();
        Map<Incident, Duration> delays = new LinkedHashMap<>();
        for (Incident i : scenario.incidents()) {
            delays.put(
                    i,
                    firing.stream()
                            .filter(a ->
                                    a.getScope() == i.scope() && a.getSubject().equals(i.subject()))
                            .map(Alert::getDetectedAt)
                            .filter(t -> !t.isBefore(i.start()))
                            .findFirst()
                            .map(t -> Duration.between(i.start(), t))
                            .orElse(null));
        }
        Set<String> opened = new HashSet<>();
        List<Alert> falseAlerts = new ArrayList<>();
        for (Alert a : firing) {
            if (opened.add(a.getAlertId()) && !scenario.accounts(a.getScope(), a.getSubject(), a.getDetectedAt())) {
                falseAlerts.add(a);
            }
        }
        return new Outcome(scenario, alerts, delays, falseAlerts);
    }

    /** {@code ScenarioHarness [scenario...] [-Dkey=value detector settings as system properties]}. */
    public static void main(String[] args) {
        Map<String, String> props = new HashMap<>();
        for (String k : System.getProperties().stringPropertyNames()) {
            if (k.startsWith(DetectorSettings.PREFIX)) {
                props.put(k, System.getProperty(k));
            }
        }
        DetectorSettings settings = DetectorSettings.fromProperties(props);
        boolean verbose = Boolean.getBoolean("verbose");
        List<Scenario> list = args.length == 0
                ? Scenarios.all()
                : Arrays.stream(args)
                        .map(n -> Scenarios.byName(n).orElseThrow())
                        .toList();
        for (Scenario s : list) {
            Long seed = Long.getLong("seed");
            Outcome o = run(s, seed == null ? windows(s) : windows(s, seed), settings);
            StringBuilder b = new StringBuilder(
                    String.format(Locale.ROOT, "%-15s %s", s.name(), o.targetsMet() ? "met   " : "MISSED"));
            o.delays.forEach((i, d) -> b.append(String.format(
                    Locale.ROOT,
                    " | %s %s: %s (max %d)",
                    i.scope(),
                    i.subject(),
                    d == null ? "-" : String.valueOf(d.toMinutes() / 60.0),
                    i.kind().maxDetectionDelay().toHours())));
            b.append(" | false ").append(o.falseAlerts.size());
            System.out.println(b);
            for (Alert a : o.falseAlerts) {
                System.out.println("    FALSE " + a.getScope() + " " + a.getSubject() + " at " + a.getDetectedAt() + " "
                        + a.getSeverity() + ": " + a.getSummary());
            }
            if (verbose) {
                for (Alert a : o.alerts) {
                    if (a.getScope() != Scope.GROUP
                            || s.incidents().stream().anyMatch(i -> i.subject().equals(a.getSubject()))) {
                        System.out.println("    " + a.getState() + " " + a.getScope() + " " + a.getSubject() + " at "
                                + a.getDetectedAt() + ": " + a.getSummary());
                    }
                }
            }
        }
    }
}
