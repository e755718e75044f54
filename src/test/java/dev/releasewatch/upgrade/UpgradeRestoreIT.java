package dev.releasewatch.upgrade;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.releasewatch.app.MonitorRuntime;
import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.AlertState;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.WindowCount;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.config.ClientProperties;
import dev.releasewatch.contract.AvroSerde;
import dev.releasewatch.feed.SectionClassifier;
import dev.releasewatch.kafka.EmbeddedKafkaBroker;
import dev.releasewatch.kafka.TopicAdmin;
import dev.releasewatch.produce.FeedPublisher;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * An upgrade from the previous release of the code: its changelogs, its counts and alerts topics and its input
 * offsets, committed as fixtures by that release ({@link UpgradeFixtureWriter}, in {@code upgrade/<commit>/}), are
 * written into a fresh broker; this release starts with an empty state directory, so it must restore every store
 * from those changelogs (records in the previous release's formats), then processes the rest of the feed. The day
 * cut by the upgrade, the releases announced again after it, the incident open across it: every daily count is
 * exact, every window is published once (the old ones included), the old alerts decode with today's reader, and the
 * incident that fired before the upgrade is not announced again and resolves once.
 */
@Timeout(300)
class UpgradeRestoreIT {

    /** The release that wrote the fixtures: the previous release of the code for this one. */
    private static final String PREVIOUS = "d95f1ce";

    @Test
    void shouldRestoreThePreviousReleasesStateAndCountTheRestExactly() throws Exception {
        UpgradeFixture fixture = UpgradeFixture.read(fixtureDir(PREVIOUS));
        UpgradeFeed feed = new UpgradeFeed();
        assertThat(fixture.commit()).isEqualTo(PREVIOUS);
        assertThat(fixture.properties.getProperty("feed.before"))
                .as("the fixture was written from the same feed")
                .isEqualTo(Integer.toString(feed.before.size()));
        List<FixtureRecord> oldAlerts = fixture.records(UpgradeFixture.ALERTS);
        List<WindowCount> counts = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        long deadLetters;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            String bootstrap = broker.bootstrapServers();
            AppConfig config = UpgradeFeed.config(bootstrap, Files.createTempDirectory("upgrade-restore"))
                    .load();
            assertThat(config.applicationId()).isEqualTo(fixture.applicationId());
            ClientProperties clients = new ClientProperties(config);
            writePreviousRelease(fixture, config, clients, feed);

            try (MonitorRuntime runtime = MonitorRuntime.start(config, SectionClassifier.defaults(), List.of())) {
                try (FeedPublisher publisher =
                        new FeedPublisher(clients, config.topics().input(), "upgrade-feed")) {
                    publisher.sendAll(feed.after.iterator(), null);
                    publisher.heartbeat(UpgradeFeed.END.plus(UpgradeFeed.GRACE), "upgrade-feed");
                    publisher.flush();
                    assertThat(publisher.failed()).isZero();
                }
                assertThat(runtime.alertReader().awaitFinal(UpgradeFeed.END.toEpochMilli(), Duration.ofMinutes(3)))
                        .as("every day final after the upgrade")
                        .isTrue();
            }
            AvroSerde<WindowCount> countSerde = AvroSerde.of(WindowCount.class);
            for (FixtureRecord r : TopicCopy.read(bootstrap, config.topics().counts())) {
                counts.add(countSerde.decode(r.value()));
            }
            AvroSerde<Alert> alertSerde = AvroSerde.of(Alert.class);
            for (FixtureRecord r : TopicCopy.read(bootstrap, config.topics().alerts())) {
                alerts.add(alertSerde.decode(r.value()));
            }
            deadLetters =
                    TopicCopy.read(bootstrap, config.topics().deadLetters()).size();
        }

        assertThat(deadLetters).isZero();
        Map<String, Long> dayCounts = new TreeMap<>();
        Map<String, Integer> emissions = new HashMap<>();
        for (WindowCount c : counts) {
            emissions.merge(
                    c.getScope() + "/" + c.getGranularity() + "/" + c.getSubject() + "@" + c.getWindowStart(),
                    1,
                    Integer::sum);
            if (c.getGranularity() == Granularity.DAY && c.getCount() > 0) {
                dayCounts.put(
                        c.getScope() + "/" + c.getSubject() + "@"
                                + c.getWindowStart().atZone(ZoneOffset.UTC).toLocalDate(),
                        c.getCount());
            }
        }
        assertThat(dayCounts).isEqualTo(feed.dayCounts);
        assertThat(emissions)
                .allSatisfy((k, n) -> assertThat(n).as("publications of " + k).isEqualTo(1));

        assertThat(oldAlerts).as("the previous release's alerts").isNotEmpty();
        List<Alert> before = alerts.subList(0, oldAlerts.size());
        List<Alert> after = alerts.subList(oldAlerts.size(), alerts.size());
        assertThat(before)
                .extracting(Alert::getAlertId, Alert::getState)
                .containsExactly(tuple("category:GAMES:drop:2020-03-08T00:00:00Z", AlertState.FIRING));
        Map<String, Integer> announcements = new HashMap<>();
        alerts.forEach(
                a -> announcements.merge(a.getAlertId() + "/" + a.getState() + "/" + a.getSeverity(), 1, Integer::sum));
        assertThat(announcements)
                .allSatisfy((k, n) -> assertThat(n).as("announcements of " + k).isEqualTo(1));
        assertThat(after)
                .as("after the upgrade: the open incident goes on and resolves once, under the same id")
                .allSatisfy(
                        a -> assertThat(a.getAlertId()).isEqualTo(before.get(0).getAlertId()))
                .filteredOn(a -> a.getState() == AlertState.RESOLVED)
                .hasSize(1);
    }

    /**
     * The cluster as the previous release left it: its changelog topics with their records, its counts and alerts,
     * the first part of the feed on the input, and the group's committed offsets after the input and the output.
     */
    private static void writePreviousRelease(
            UpgradeFixture fixture, AppConfig config, ClientProperties clients, UpgradeFeed feed) throws Exception {
        String bootstrap = config.bootstrapServers();
        try (TopicAdmin topics = new TopicAdmin(clients, config.topics())) {
            topics.ensureTopics();
        }
        try (Admin admin = Admin.create(clients.admin())) {
            List<NewTopic> changelogs = fixture.stores().stream()
                    .map(s -> new NewTopic(changelog(config, s), fixture.changelogPartitions(s), (short) 1)
                            .configs(fixture.changelogConfig(s)))
                    .toList();
            admin.createTopics(changelogs).all().get();
        }
        for (String store : fixture.stores()) {
            TopicCopy.write(bootstrap, changelog(config, store), fixture.changelog(store));
        }
        TopicCopy.write(bootstrap, config.topics().counts(), fixture.records(UpgradeFixture.COUNTS));
        TopicCopy.write(bootstrap, config.topics().alerts(), fixture.records(UpgradeFixture.ALERTS));
        UpgradeFixtureWriter.publishFirstPart(clients, config, feed);
        assertThat(TopicCopy.endOffsets(bootstrap, config.topics().input()))
                .as("the input as the previous release read it")
                .isEqualTo(fixture.inputOffsets());
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        fixture.inputOffsets()
                .forEach((p, o) ->
                        offsets.put(new TopicPartition(config.topics().input(), p), new OffsetAndMetadata(o)));
        // the history tasks had read the output: written back without its transaction markers, its offsets are not
        // the fixture's, and read again the alerts would be listed twice in the dashboard's history
        for (String output : List.of(config.topics().counts(), config.topics().alerts())) {
            TopicCopy.endOffsets(bootstrap, output)
                    .forEach((p, o) -> offsets.put(new TopicPartition(output, p), new OffsetAndMetadata(o)));
        }
        try (Admin admin = Admin.create(clients.admin())) {
            admin.alterConsumerGroupOffsets(fixture.applicationId(), offsets)
                    .all()
                    .get();
        }
    }

    private static String changelog(AppConfig config, String store) {
        return config.applicationId() + "-" + store + "-changelog";
    }

    private static Path fixtureDir(String commit) throws Exception {
        return Path.of(UpgradeRestoreIT.class
                        .getResource("/upgrade/" + commit + "/" + UpgradeFixture.PROPERTIES)
                        .toURI())
                .getParent();
    }
}
