package dev.releasewatch.feed.synth;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.avro.Scope;

/**
 * A synthetic feed with ground truth: the incidents a good monitor must alert on and the periods where further
 * alerts are legitimate. Every scenario has at least six weeks of normal history before its first incident, so a
 * detector can learn weekday patterns first.
 *
 * @param name        short id used on the command line, e.g. {@code sparks-2020}
 * @param description one or two sentences for people
 * @param settings    how the feed is generated (seed, range, effects)
 * @param incidents   what must be alerted on; empty for quiet scenarios
 * @param tolerated   where further FIRING alerts are not false; empty for quiet scenarios
 */
public record Scenario(
        String name,
        String description,
        FeedSettings settings,
        List<Incident> incidents,
        List<ToleratedPeriod> tolerated) {

    /** Copies the lists. */
    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(settings, "settings");
        incidents = List.copyOf(incidents);
        tolerated = List.copyOf(tolerated);
    }

    /** @return the scenario's feed with its own settings */
    public SyntheticFeed feed() {
        return new SyntheticFeed(settings);
    }

    /**
     * @param seed another seed (same shape, other noise)
     * @return the scenario's feed with that seed
     */
    public SyntheticFeed feed(final long seed) {
        return new SyntheticFeed(settings.withSeed(seed));
    }

    /** @return the scenario's events in time order */
    public Stream<ReleaseAnnouncement> events() {
        return feed().stream();
    }

    /**
     * Whether a FIRING alert is accounted for: it matches a required incident (same scope and subject, detected
     * after the incident started) or falls in a tolerated period. Anything else counts as a false alert.
     *
     * @param scope      the alert's scope
     * @param subject    the alert's subject
     * @param detectedAt the alert's {@code detectedAt}
     * @return true if the alert is legitimate
     */
    public boolean accounts(final Scope scope, final String subject, final Instant detectedAt) {
        return incidents.stream()
                        .anyMatch(i ->
                                i.scope() == scope && i.subject().equals(subject) && !detectedAt.isBefore(i.start()))
                || tolerated.stream().anyMatch(t -> t.covers(scope, subject, detectedAt));
    }
}
