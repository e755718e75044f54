package dev.releasewatch.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import dev.releasewatch.config.ClientProperties;
import dev.releasewatch.config.ConfigException;
import dev.releasewatch.config.TopicSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the monitor's topics when they are missing and checks the ones that exist.
 *
 * <p>Created topics use {@code LogAppendTime} (see {@link TopicSettings} for why). An existing input topic
 * that uses {@code CreateTime} with time-based retention is reported at start-up, because replaying old
 * events into it loses them.
 *
 * <p>Existing single-partition topics are checked too, with a severity that follows from why they have one
 * partition. An existing decisions topic with more partitions stops start-up ({@link ConfigException} on
 * {@code topic.decisions}): decisions are applied in the order the operators made them (a later "accept" of the
 * same subject must not be overtaken by an earlier one), and only one partition keeps that order. An existing
 * alerts or counts topic with more partitions is only a warning: one partition is there for an event-time order
 * across subjects, but every record of one incident
 * (key: alert id) or of one series (key: scope/granularity/subject) still lands on one partition in order,
 * and the monitor's reader reads every partition, so nothing is lost or misapplied.
 */
public final class TopicAdmin implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(TopicAdmin.class);

    private final Admin admin;
    private final TopicSettings topics;

    /** What start-up is doing and which ACL that needs, for the error when the broker refuses it. */
    private String step = "listing topics (needs DESCRIBE on the topics)";

    /** Opens an admin client with the given client properties. */
    public TopicAdmin(ClientProperties clients, TopicSettings topics) {
        this.admin = Admin.create(clients.admin());
        this.topics = topics;
    }

    /**
     * Creates every missing topic and returns the number of input partitions actually in use. The input
     * and dead-letter topics get the configured partitions (their volume scales with the feed); alerts,
     * counts and decisions get one: one partition keeps each detecting task's alerts and counts in event-time
     * order for every reader (and the feed-wide ones, all written by one task, in a total order), and decisions in the
     * order they were made.
     */
    public int ensureTopics() {
        Map<String, String> configs = Map.of(
                TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG,
                "LogAppendTime",
                TopicConfig.RETENTION_MS_CONFIG,
                String.valueOf(retentionMillis()));
        List<NewTopic> wanted = new ArrayList<>();
        Map<String, String> inputConfigs = new HashMap<>(configs);
        inputConfigs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(TopicSettings.MAX_INPUT_RECORD_BYTES));
        wanted.add(topic(topics.input(), topics.partitions(), inputConfigs));
        wanted.add(topic(topics.counts(), 1, configs));
        wanted.add(topic(topics.alerts(), 1, configs));
        Map<String, String> deadLetterConfigs = new HashMap<>(configs);
        deadLetterConfigs.put(
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(2 * TopicSettings.MAX_INPUT_RECORD_BYTES));
        wanted.add(topic(topics.deadLetters(), topics.partitions(), deadLetterConfigs));
        wanted.add(topic(
                topics.decisions(),
                1,
                Map.of(
                        TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG,
                        "LogAppendTime",
                        TopicConfig.RETENTION_MS_CONFIG,
                        "-1")));
        try {
            Set<String> existing = admin.listTopics().names().get();
            checkSinglePartitionTopics(existing);
            List<NewTopic> missing =
                    wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                step = "creating topics " + missing.stream().map(NewTopic::name).toList()
                        + " (needs CREATE and DESCRIBE on them, or create them beforehand)";
                try {
                    admin.createTopics(missing).all().get();
                    LOGGER.info(
                            "Created topics {}",
                            missing.stream().map(NewTopic::name).toList());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            awaitMetadata();
            warnOnRetentionTrap();
            return inputPartitions();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthorizationException denied) {
                throw notAuthorized(denied);
            }
            throw new IllegalStateException(
                    "cannot create or describe topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * The broker's own message is only "Authorization failed."; this one names the step, the ACL it needs
     * and where the full list is, so a missing ACL is a start-up error an operator can act on.
     */
    private IllegalStateException notAuthorized(AuthorizationException denied) {
        return new IllegalStateException(
                "not authorized: the broker refused " + step + " ("
                        + denied.getClass().getSimpleName() + ": " + denied.getMessage()
                        + "); the ACLs the monitor needs are listed in docs/security.md",
                denied);
    }

    /**
     * Waits (up to 30 s) until the input topic can be described and every partition has a leader: a topic
     * that was just created is not known to every part of the broker at once, and using it too early fails
     * with UnknownTopicOrPartition or NotLeaderOrFollower.
     */
    private void awaitMetadata() throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        step = "describing topic " + topics.input() + " (needs DESCRIBE on it)";
        while (true) {
            try {
                TopicDescription d = admin.describeTopics(List.of(topics.input()))
                        .allTopicNames()
                        .get()
                        .get(topics.input());
                if (d.partitions().stream().anyMatch(p -> p.leader() == null)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(
                                "input topic " + topics.input() + " has partitions without a leader");
                    }
                    Thread.sleep(100);
                    continue;
                }
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topics.input());
                step = "describing the configuration of topic " + topics.input() + " (needs DESCRIBE_CONFIGS on it)";
                admin.describeConfigs(List.of(resource)).all().get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * Asks the broker, before Kafka Streams starts, whether this principal may use the consumer group, create
     * internal topics and (under exactly-once) use transactional ids of {@code applicationId}. Without this a
     * missing ACL only shows as a stream thread failing and being replaced over and over, which looks like a
     * hang; here it stops start-up naming the ACL. Only an authorization error fails: a group or
     * transactional id that does not exist yet is the normal answer when access is allowed.
     */
    public void checkStreamsAccess(String applicationId, boolean transactional) {
        try {
            step = "describing consumer group " + applicationId + " (needs READ on group " + applicationId + ")";
            refusedOnly(
                    () -> admin.describeConsumerGroups(List.of(applicationId))
                            .all()
                            .get(),
                    GroupAuthorizationException.class);
            step = "validating the creation of internal topic " + applicationId
                    + "-acl-check (needs ALL on topics prefixed " + applicationId + "-)";
            NewTopic probe = topic(applicationId + "-acl-check", 1, Map.of());
            refusedOnly(
                    () -> admin.createTopics(List.of(probe), new CreateTopicsOptions().validateOnly(true))
                            .all()
                            .get(),
                    TopicAuthorizationException.class);
            if (transactional) {
                step = "describing transactional id " + applicationId
                        + "-acl-check (needs WRITE on transactional ids prefixed " + applicationId + "-)";
                refusedOnly(
                        () -> admin.describeTransactions(List.of(applicationId + "-acl-check"))
                                .all()
                                .get(),
                        TransactionalIdAuthorizationException.class);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking access", e);
        }
    }

    private interface AdminCall {
        Object run() throws InterruptedException, ExecutionException;
    }

    private void refusedOnly(AdminCall call, Class<? extends AuthorizationException> refusal)
            throws InterruptedException {
        try {
            call.run();
        } catch (ExecutionException e) {
            if (refusal.isInstance(e.getCause())) {
                throw notAuthorized((AuthorizationException) e.getCause());
            }
            LOGGER.debug("Access check {}: {}", step, e.getCause().toString());
        }
    }

    /** Number of partitions of {@code topic}, or empty when it does not exist. */
    public OptionalInt partitionsOf(String topic) throws InterruptedException, ExecutionException {
        if (!admin.listTopics().names().get().contains(topic)) {
            return OptionalInt.empty();
        }
        TopicDescription d =
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        return OptionalInt.of(d.partitions().size());
    }

    /** Number of partitions of the input topic. */
    public int inputPartitions() throws InterruptedException, ExecutionException {
        TopicDescription d = admin.describeTopics(List.of(topics.input()))
                .allTopicNames()
                .get()
                .get(topics.input());
        return d.partitions().size();
    }

    /**
     * Checks the partitions of the single-partition topics that already exist (the ones created here have one
     * by construction), before creating anything, so a refused start leaves the cluster as it found it: see the
     * class comment for why decisions fail and the others warn.
     */
    private void checkSinglePartitionTopics(Set<String> existing) throws InterruptedException, ExecutionException {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(topics.decisions(), "topic.decisions");
        keys.put(topics.alerts(), "topic.alerts");
        keys.put(topics.counts(), "topic.counts");
        List<String> toCheck = keys.keySet().stream().filter(existing::contains).toList();
        if (toCheck.isEmpty()) {
            return;
        }
        Map<String, TopicDescription> described =
                admin.describeTopics(toCheck).allTopicNames().get();
        for (String name : toCheck) {
            int partitions = described.get(name).partitions().size();
            if (partitions == 1) {
                continue;
            }
            if (name.equals(topics.decisions())) {
                throw new ConfigException(
                        "topic.decisions",
                        "the existing topic '" + name + "' has " + partitions
                                + " partitions, but decisions must be on exactly one: they are applied in the order they were made, and "
                                + "only one partition keeps it. Kafka cannot reduce partitions: point topic.decisions at a new topic "
                                + "(the monitor creates it with one partition) or recreate '" + name
                                + "' with one partition.");
            }
            LOGGER.warn(
                    "Topic {} ({}) has {} partitions; the monitor creates it with one. Records of one incident or series stay in "
                            + "order, but readers may see different subjects out of event-time order.",
                    name,
                    keys.get(name),
                    partitions);
        }
    }

    private void warnOnRetentionTrap() throws InterruptedException, ExecutionException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topics.input());
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        String type = Optional.ofNullable(config.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG))
                .map(e -> e.value())
                .orElse("CreateTime");
        String retention = Optional.ofNullable(config.get(TopicConfig.RETENTION_MS_CONFIG))
                .map(e -> e.value())
                .orElse("-1");
        if ("CreateTime".equals(type) && !"-1".equals(retention)) {
            LOGGER.warn(
                    "Input topic {} uses CreateTime with retention.ms={}: replayed events older than that are deleted by the broker "
                            + "minutes after they are produced. Set message.timestamp.type=LogAppendTime or retention.ms=-1 on it.",
                    topics.input(),
                    retention);
        }
    }

    private NewTopic topic(String name, int partitions, Map<String, String> configs) {
        Optional<Short> rf =
                topics.replicationFactor() < 0 ? Optional.empty() : Optional.of(topics.replicationFactor());
        return new NewTopic(name, Optional.of(partitions), rf).configs(configs);
    }

    private long retentionMillis() {
        return topics.retention().isZero() ? -1 : topics.retention().toMillis();
    }

    @Override
    public void close() {
        admin.close();
    }
}
