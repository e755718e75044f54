package dev.releasewatch.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.releasewatch.app.MonitorRuntime;
import dev.releasewatch.app.ReplaySession;
import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.AlertState;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.config.TopicSettings;
import dev.releasewatch.feed.ReleaseClassifier;
import dev.releasewatch.feed.synth.Incident;
import dev.releasewatch.feed.synth.Scenario;
import dev.releasewatch.feed.synth.SyntheticFeed;
import dev.releasewatch.kafka.TemporaryDirectory;

/**
 * Runs scenarios of the suite through the real monitor, the {@code replay} path: the scenario's feed is
 * published to a broker, the topology and detector process it, and the alerts read back from the alerts
 * topic are compared with the scenario's ground truth.
 */
public final class ScenarioRunner {

    private final AppConfig base;
    private final ReleaseClassifier classifier;

    /**
     * @param base       configuration with the broker's bootstrap servers; each scenario runs with its
     *                   own application id, state directory and topics
     * @param classifier how releases map to categories and groups
     */
    public ScenarioRunner(AppConfig base, ReleaseClassifier classifier) {
        if (base.embeddedBroker()) {
            throw new IllegalArgumentException("the scenario runner needs bootstrap servers");
        }
        this.base = base;
        this.classifier = classifier;
    }

    /** Replays {@code scenario} (with {@code seed}, or its own seed when null) and scores the alerts. */
    public ScenarioOutcome run(Scenario scenario, Long seed) throws InterruptedException {
        SyntheticFeed feed = seed == null ? scenario.feed() : scenario.feed(seed);
        List<Alert> alerts = new CopyOnWriteArrayList<>();
        ReplaySession.Result result;
        long deadLetters;
        try (TemporaryDirectory state = TemporaryDirectory.create("release-watch-scenario-state-");
                MonitorRuntime runtime = MonitorRuntime.start(
                        isolated(scenario.name(), state.path()), classifier, List.of(alerts::add))) {
            result = ReplaySession.replay(
                    runtime, feed.iterator(), "scenario:" + scenario.name(), null, Duration.ofMinutes(10));
            deadLetters = ReplaySession.eventCount(runtime, "dead_letter");
        }
        if (!result.completed()) {
            throw new IllegalStateException("scenario " + scenario.name() + " did not finish within the timeout");
        }
        return score(scenario, alerts, result, deadLetters);
    }

    /**
     * Scores alerts against a scenario's ground truth (public for tests of the scoring itself).
     *
     * @param deadLetters records of the replay that were dead-lettered (a clean synthetic feed has none, so any is a
     *                    measurement that lost data, e.g. records made LATE by a broker hiccup)
     */
    public static ScenarioOutcome score(
            Scenario scenario, List<Alert> alerts, ReplaySession.Result result, long deadLetters) {
        List<Alert> firing = alerts.stream()
                .filter(a -> a.getState() == AlertState.FIRING)
                .sorted((a, b) -> a.getDetectedAt().compareTo(b.getDetectedAt()))
                .toList();
        List<IncidentOutcome> incidents = new ArrayList<>();
        for (Incident incident : scenario.incidents()) {
            Duration delay = firing.stream()
                    .filter(a -> a.getScope() == incident.scope()
                            && a.getSubject().equals(incident.subject())
                            && (incident.cause() == null || a.getCause() == incident.cause()))
                    .map(Alert::getDetectedAt)
                    .filter(t -> !t.isBefore(incident.start()))
                    .findFirst()
                    .map(t -> Duration.between(incident.start(), t))
                    .orElse(null);
            incidents.add(new IncidentOutcome(incident, delay));
        }
        Set<String> opened = new HashSet<>();
        List<Alert> falseAlerts = new ArrayList<>();
        for (Alert a : firing) {
            if (opened.add(a.getAlertId()) && !scenario.accounts(a.getScope(), a.getSubject(), a.getDetectedAt())) {
                falseAlerts.add(a);
            }
        }
        Instant from = scenario.settings().from().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = scenario.settings()
                .to()
                .plusDays(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        return new ScenarioOutcome(
                scenario,
                result.published(),
                deadLetters,
                incidents,
                falseAlerts,
                opened.size(),
                ChronoUnit.DAYS.between(from, to),
                Duration.ofNanos(result.totalNanos()));
    }

    private AppConfig isolated(String name, Path state) {
        String id = "scenario-" + name + "-" + System.nanoTime();
        AppConfig c = base.withApplicationId(id, state);
        TopicSettings t = c.topics();
        return c.withTopics(new TopicSettings(
                id + "-in",
                id + "-counts",
                id + "-alerts",
                id + "-dead",
                id + "-decisions",
                t.partitions(),
                t.detectPartitions(),
                t.replicationFactor(),
                t.retention()));
    }
}
