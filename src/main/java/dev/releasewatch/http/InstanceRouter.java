package dev.releasewatch.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where a query is answered when several instances share the application: the instance that holds a key
 * ({@code KafkaStreams.queryMetadataForKey}, each instance's {@code application.server} being its HTTP host and
 * port), and every instance for the lists, which are read where they lie and merged.
 *
 * <p>A request forwarded here carries {@value #HOP_HEADER}: it is answered from this instance's stores only and
 * never forwarded again, so two instances that disagree during a rebalance cannot bounce a request between them.
 */
final class InstanceRouter {

    /** Marks a request one instance forwarded to another. */
    static final String HOP_HEADER = "X-Release-Watch-Hop";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<KafkaStreams> streams;
    private final Supplier<HostInfo> self;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();

    /**
     * @param streams the running application (null until it is created)
     * @param self    this instance's {@code application.server}
     */
    InstanceRouter(Supplier<KafkaStreams> streams, Supplier<HostInfo> self) {
        this.streams = streams;
        this.self = self;
    }

    /** Where {@code key} of {@code store} lies: its partition and the instance whose active task holds it. */
    KeyQueryMetadata owner(String store, String key) throws NotReadyException {
        KafkaStreams s = running();
        KeyQueryMetadata md;
        try {
            md = s.queryMetadataForKey(store, key, Serdes.String().serializer());
        } catch (RuntimeException e) {
            throw new NotReadyException("cannot locate " + key + " in " + store + ": " + e.getMessage());
        }
        if (md == null || md.activeHost() == null || HostInfo.unavailable().equals(md.activeHost())) {
            throw new NotReadyException("no instance holds " + store + " yet (starting or rebalancing)");
        }
        return md;
    }

    /** Whether {@code host} is this instance. */
    boolean isSelf(HostInfo host) {
        return self.get().equals(host);
    }

    /** The answer of {@code host} to {@code GET path?query}, relayed as it is (status and JSON body). */
    HttpAnswer forward(HostInfo host, String path, String query) throws NotReadyException, InterruptedException {
        HttpResponse<String> response = get(host, path, query);
        return HttpAnswer.json(response.statusCode(), response.body());
    }

    /**
     * The JSON answers of every other instance that runs tasks of {@code store}'s sub-topology to
     * {@code GET path?query} (answered from their own stores), and the partitions of {@code sourceTopic} that should
     * be covered between all instances, including this one, so the caller can tell a complete merge from a partial one.
     */
    Fanned fanOut(String store, String sourceTopic, String path, String query)
            throws NotReadyException, InterruptedException {
        KafkaStreams s = running();
        List<JsonNode> answers = new ArrayList<>();
        Set<Integer> expected = new TreeSet<>();
        for (StreamsMetadata md : s.streamsMetadataForStore(store)) {
            md.topicPartitions().stream()
                    .filter(tp -> tp.topic().equals(sourceTopic))
                    .forEach(tp -> expected.add(tp.partition()));
            if (isSelf(md.hostInfo())) {
                continue;
            }
            HttpResponse<String> response = get(md.hostInfo(), path, query);
            if (response.statusCode() != 200) {
                throw new NotReadyException(
                        "instance " + md.hostInfo().host() + ":" + md.hostInfo().port() + " answered "
                                + response.statusCode() + ": " + response.body().strip());
            }
            try {
                answers.add(MAPPER.readTree(response.body()));
            } catch (IOException e) {
                throw new NotReadyException("instance " + md.hostInfo().host() + ":"
                        + md.hostInfo().port() + " answered no JSON: " + e.getMessage());
            }
        }
        return new Fanned(answers, expected);
    }

    /** The other instances' answers and the source partitions that must be covered. */
    record Fanned(List<JsonNode> answers, Set<Integer> partitions) {}

    private HttpResponse<String> get(HostInfo host, String path, String query)
            throws NotReadyException, InterruptedException {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + path + (query.isEmpty() ? "" : "?" + query));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header(HOP_HEADER, "1")
                .GET()
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new NotReadyException(
                    "instance " + host.host() + ":" + host.port() + " did not answer: " + e.getMessage());
        }
    }

    private KafkaStreams running() throws NotReadyException {
        KafkaStreams s = streams.get();
        if (s == null || !s.state().isRunningOrRebalancing()) {
            throw new NotReadyException("Kafka Streams is not running on this instance");
        }
        return s;
    }
}
