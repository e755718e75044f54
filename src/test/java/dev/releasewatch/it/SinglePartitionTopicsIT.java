package dev.releasewatch.it;

import java.util.List;
import java.util.Optional;

import dev.releasewatch.app.MonitorRuntime;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.config.ClientProperties;
import dev.releasewatch.config.ConfigException;
import dev.releasewatch.feed.SectionClassifier;
import dev.releasewatch.kafka.TopicAdmin;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Existing topics that should have one partition but have more: a decisions topic stops start-up, before any topic is
 * created, with a message naming it and its key; an alerts topic only costs cross-subject order, so the topics are
 * set up as usual.
 */
@Timeout(120)
class SinglePartitionTopicsIT extends RealBrokerTest {

    @Test
    void shouldRefuseToStartOnAnExistingDecisionsTopicWithThreePartitions() throws Exception {
        AppConfig config = config("partitions-decisions").load();
        createTopic(config, config.topics().decisions(), 3);

        assertThatThrownBy(() -> MonitorRuntime.start(config, SectionClassifier.defaults(), List.of())
                        .close())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("topic.decisions: ")
                .hasMessageContaining("'partitions-decisions-decisions' has 3 partitions")
                .hasMessageContaining("exactly one");
        try (Admin admin = Admin.create(new ClientProperties(config).admin())) {
            assertThat(admin.listTopics().names().get())
                    .as("nothing created by a refused start")
                    .doesNotContain(config.topics().input(), config.topics().alerts());
        }
    }

    @Test
    void shouldOnlyWarnAboutAnExistingAlertsTopicWithTwoPartitions() throws Exception {
        AppConfig config =
                config("partitions-alerts").set("topic.partitions", "2").load();
        createTopic(config, config.topics().alerts(), 2);

        try (TopicAdmin admin = new TopicAdmin(new ClientProperties(config), config.topics())) {
            assertThat(admin.ensureTopics()).isEqualTo(2);
        }
    }

    private static void createTopic(AppConfig config, String name, int partitions) throws Exception {
        try (Admin admin = Admin.create(new ClientProperties(config).admin())) {
            admin.createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.empty())))
                    .all()
                    .get();
        }
    }
}
