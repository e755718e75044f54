package dev.releasewatch.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.releasewatch.app.MonitorRuntime;
import dev.releasewatch.app.ReplaySession;
import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.AlertState;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.WindowCount;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.config.ConfigLoader;
import dev.releasewatch.contract.AvroSerde;
import dev.releasewatch.feed.SectionClassifier;
import dev.releasewatch.feed.synth.FactorCurve;
import dev.releasewatch.feed.synth.FeedEffect;
import dev.releasewatch.feed.synth.FeedSettings;
import dev.releasewatch.feed.synth.SyntheticFeed;
import dev.releasewatch.kafka.HistoryStores;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's API with two instances of one application (two Kafka Streams and two HTTP servers in this JVM)
 * on a real broker. The counts and alerts topics are created with three partitions beforehand, so the history
 * stores are split between the instances: whichever instance is asked, every subject's daily and hourly counts
 * are exactly those of the counts topic (read here with read_committed), and the merged lists of subjects, alerts
 * and open incidents are those of the topics. Bad parameters are answered 400 with a reason.
 */
@Timeout(600)
class DashboardApiTwoInstancesIT extends RealBrokerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HISTORY_PARTITIONS = 3;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Test
    void shouldAnswerForEverySubjectWithExactCountsOnEitherInstance() throws Exception {
        AppConfig first = instance("dash-it").load();
        AppConfig second = instance("dash-it")
                .set("state.dir", Files.createTempDirectory("dash-it-b").toString())
                .load();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(
                            new NewTopic(first.topics().counts(), HISTORY_PARTITIONS, (short) 1),
                            new NewTopic(first.topics().alerts(), HISTORY_PARTITIONS, (short) 1)))
                    .all()
                    .get();
        }
        LocalDate drop = LocalDate.of(2020, 7, 1);
        FeedSettings settings = FeedSettings.normal(LocalDate.of(2020, 6, 1), LocalDate.of(2020, 7, 3), 11)
                .withVolume(0.5)
                .withEffects(List.of(new FeedEffect.ScaleSection(
                        "XXX", FactorCurve.builder().stepAt(drop, 0.3).build())));
        try (MonitorRuntime a = MonitorRuntime.start(first, SectionClassifier.defaults(), List.of());
                MonitorRuntime b = MonitorRuntime.start(second, SectionClassifier.defaults(), List.of())) {
            assertThat(a.awaitRunning(Duration.ofMinutes(2))).isTrue();
            assertThat(b.awaitRunning(Duration.ofMinutes(2))).isTrue();
            ReplaySession.Result replay = ReplaySession.replay(
                    a, new SyntheticFeed(settings).iterator(), "dash-it", null, Duration.ofMinutes(5));
            assertThat(replay.completed()).isTrue();

            Map<String, Map<String, Long>> topicCounts =
                    readCountsThroughHourOf(a, first.topics().counts(), replay.lastEvent());
            List<Alert> topicAlerts = readAlerts(a, first.topics().alerts());
            assertThat(topicAlerts)
                    .as("the drop fires, so alerts and incidents have something to show")
                    .anyMatch(x ->
                            x.getState() == AlertState.FIRING && x.getSubject().equals("XXX"));
            List<String> bases = List.of(base(a), base(b));

            Set<String> topicSubjects = new TreeSet<>();
            topicCounts
                    .keySet()
                    .forEach(k -> topicSubjects.add(
                            k.substring(0, k.indexOf('/')) + k.substring(k.indexOf('/', k.indexOf('/') + 1))));
            for (String base : bases) {
                JsonNode subjects = getOk(
                        base + "/api/subjects?limit=100000",
                        s -> s.path("subjects").size() == topicSubjects.size());
                Set<String> listed = new TreeSet<>();
                subjects.path("subjects")
                        .forEach(n -> listed.add(n.path("scope").asText() + "/"
                                + n.path("subject").asText()));
                assertThat(listed).as("subjects from " + base).isEqualTo(topicSubjects);
                assertThat(subjects.path("subjects").get(0).path("scope").asText())
                        .isEqualTo("TOTAL");
            }

            int series = 0;
            for (var e : topicCounts.entrySet()) {
                String[] key = e.getKey().split("/", 3);
                for (String base : bases) {
                    String url = base + "/api/counts?scope=" + key[0] + "&subject=" + encode(key[2]) + "&granularity="
                            + key[1];
                    JsonNode answer = getOk(
                            url, j -> j.path("windows").size() == e.getValue().size());
                    Map<String, Long> observed = new TreeMap<>();
                    answer.path("windows")
                            .forEach(w -> observed.put(
                                    w.path("start").asText(), w.path("observed").asLong()));
                    assertThat(observed).as(url).isEqualTo(e.getValue());
                }
                series++;
            }
            assertThat(series).isGreaterThan(50);

            for (String base : bases) {
                JsonNode total = getOk(
                        base + "/api/counts?scope=TOTAL&subject=*&granularity=DAY&from=2020-06-28&to=2020-07-01",
                        j -> true);
                assertThat(total.path("windows")).hasSize(3);
                JsonNode june28 = total.path("windows").get(0);
                assertThat(june28.path("start").asText()).isEqualTo("2020-06-28T00:00:00Z");
                assertThat(june28.path("end").asText()).isEqualTo("2020-06-29T00:00:00Z");
                assertThat(june28.path("observed").asLong())
                        .isEqualTo(topicCounts.get("TOTAL/DAY/*").get("2020-06-28T00:00:00Z"));
                JsonNode last = total.path("windows").get(2);
                assertThat(last.path("expected").isNumber())
                        .as("expected after warm-up")
                        .isTrue();
                assertThat(last.path("low").asDouble())
                        .isLessThan(last.path("expected").asDouble());
                assertThat(last.path("high").asDouble())
                        .isGreaterThan(last.path("expected").asDouble());

                JsonNode alerts =
                        getOk(base + "/api/alerts", j -> j.path("alerts").size() == topicAlerts.size());
                assertThat(alerts.path("alerts")).hasSize(topicAlerts.size());
                JsonNode firing = getOk(base + "/api/alerts?state=FIRING&from=2020-06-01&to=2020-08-01", j -> true);
                assertThat(firing.path("alerts")).hasSize((int) topicAlerts.stream()
                        .filter(x -> x.getState() == AlertState.FIRING)
                        .count());

                Set<String> open = openIds(topicAlerts);
                JsonNode incidents = getOk(
                        base + "/api/incidents?open=true",
                        j -> j.path("incidents").size() == open.size());
                Set<String> listed = new TreeSet<>();
                incidents.path("incidents").forEach(n -> {
                    listed.add(n.path("alertId").asText());
                    assertThat(n.path("resolvedAt").isNull()).isTrue();
                    assertThat(n.path("firingAt").asText()).startsWith("2020-");
                    assertThat(n.path("summary").asText()).isNotBlank();
                });
                assertThat(listed).isEqualTo(open);

                assertBadRequest(base + "/api/counts?scope=SECTION&subject=X", "scope must be one of");
                assertBadRequest(base + "/api/counts?scope=CATEGORY", "subject is required");
                assertBadRequest(
                        base + "/api/counts?scope=TOTAL&granularity=WEEK", "granularity must be one of HOUR, DAY");
                assertBadRequest(base + "/api/counts?scope=TOTAL&from=2020-13-01", "from must be a date");
                assertBadRequest(base + "/api/counts?scope=TOTAL&from=2020-08-02&to=2020-08-01", "before");
                assertBadRequest(base + "/api/counts?scope=TOTAL&granulartiy=HOUR", "unknown parameter");
                assertBadRequest(base + "/api/subjects?limit=0", "limit must be");
                assertBadRequest(base + "/api/incidents?open=false", "only open=true");
            }

            List<Integer> held = new ArrayList<>();
            for (MonitorRuntime r : List.of(a, b)) {
                int partitions = 0;
                for (StreamsMetadata md : r.streams().streamsMetadataForStore(HistoryStores.DAY_COUNTS)) {
                    if (md.hostInfo().port() == r.httpPort()) {
                        partitions = (int) md.topicPartitions().stream()
                                .filter(tp -> tp.topic().equals(first.topics().counts()))
                                .count();
                    }
                }
                held.add(partitions);
            }
            assertThat(held.stream().mapToInt(Integer::intValue).sum())
                    .as("each history partition held by exactly one instance: " + held)
                    .isEqualTo(HISTORY_PARTITIONS);
        }
    }

    private static ConfigLoader instance(String name) throws Exception {
        return config(name)
                .set("topic.partitions", "2")
                .set("metrics.port", "0")
                .set("metrics.bind", "127.0.0.1")
                .set("http.advertised-host", "127.0.0.1");
    }

    private static String base(MonitorRuntime r) {
        return "http://127.0.0.1:" + r.httpPort();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The open incidents on the alerts topic: ids whose last state is FIRING. */
    private static Set<String> openIds(List<Alert> alerts) {
        Map<String, AlertState> last = new HashMap<>();
        alerts.forEach(x -> last.put(x.getAlertId(), x.getState()));
        Set<String> open = new TreeSet<>();
        last.forEach((id, state) -> {
            if (state == AlertState.FIRING) {
                open.add(id);
            }
        });
        return open;
    }

    /**
     * GET {@code url} until it answers 200 with a body that satisfies {@code settled}: the history sub-topology reads
     * the counts topic after the replay's reader did, and a rebalance may answer 503 for a moment. Returns the last
     * 200 body either way, so the assertions that follow say what differs.
     */
    private JsonNode getOk(String url, Predicate<JsonNode> settled) throws Exception {
        JsonNode last = null;
        for (int attempt = 0; attempt < 600; attempt++) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(30))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                last = JSON.readTree(r.body());
                if (settled.test(last)) {
                    return last;
                }
            } else {
                assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(503);
            }
            Thread.sleep(100);
        }
        assertThat(last).as(url + " never answered 200").isNotNull();
        return last;
    }

    private void assertBadRequest(String url, String reason) throws Exception {
        HttpResponse<String> r =
                http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("error").asText()).contains(reason);
    }

    /** Series key → window start → count, from the counts topic (read_committed). */
    /**
     * The counts topic once the hour of the last event is on it. The replay waits for the last closable day only; the
     * last day's hours are published right after it, and reading before them compared the API (asked later) with a
     * topic read too early.
     */
    private static Map<String, Map<String, Long>> readCountsThroughHourOf(MonitorRuntime r, String topic, Instant last)
            throws InterruptedException {
        String lastHour = last.truncatedTo(ChronoUnit.HOURS).toString();
        String total = HistoryStores.seriesKey(Scope.TOTAL, Granularity.HOUR, "*");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            Map<String, Map<String, Long>> counts = readCounts(r, topic);
            if (counts.get(total).containsKey(lastHour) || System.nanoTime() > deadline) {
                return counts;
            }
            Thread.sleep(200);
        }
    }

    private static Map<String, Map<String, Long>> readCounts(MonitorRuntime r, String topic) {
        AvroSerde<WindowCount> serde = AvroSerde.of(WindowCount.class);
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        for (byte[] value : readAll(r, topic)) {
            WindowCount c = decode(serde, value);
            counts.computeIfAbsent(
                            HistoryStores.seriesKey(c.getScope(), c.getGranularity(), c.getSubject()),
                            k -> new TreeMap<>())
                    .put(c.getWindowStart().toString(), c.getCount());
        }
        assertThat(counts).containsKey(HistoryStores.seriesKey(Scope.TOTAL, Granularity.HOUR, "*"));
        return counts;
    }

    private static List<Alert> readAlerts(MonitorRuntime r, String topic) {
        AvroSerde<Alert> serde = AvroSerde.of(Alert.class);
        List<Alert> alerts = new ArrayList<>();
        for (byte[] value : readAll(r, topic)) {
            alerts.add(decode(serde, value));
        }
        alerts.sort((x, y) -> x.getDetectedAt().compareTo(y.getDetectedAt()));
        return alerts;
    }

    private static <T extends SpecificRecord> T decode(AvroSerde<T> serde, byte[] value) {
        try {
            return serde.decode(value);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<byte[]> readAll(MonitorRuntime r, String topic) {
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(r.clients().consumer("dash-it-check"))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> rec : consumer.poll(Duration.ofMillis(200))) {
                    values.add(rec.value());
                }
            }
        }
        return values;
    }
}
