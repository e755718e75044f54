package dev.releasewatch.http;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.releasewatch.config.TopicSettings;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The dashboard's routes on the monitor's HTTP server: the page at {@code /} with its scripts, and the JSON API
 * ({@link HistoryApi}) under {@code /api/}. A bad parameter is answered 400 and stores that cannot answer yet 503
 * with {@code Retry-After}, both as {@code {"error": "..."}}.
 */
public final class DashboardRoutes {

    private final Map<String, HttpRoute> routes = new LinkedHashMap<>();

    /**
     * @param streams the application whose history stores are queried (null until it is created)
     * @param self    this instance's {@code application.server}: the HTTP host other instances reach and its port
     * @param zone    the zone the windows are aligned to
     * @param topics  the counts and alerts topics the history is read from
     */
    public DashboardRoutes(Supplier<KafkaStreams> streams, Supplier<HostInfo> self, ZoneId zone, TopicSettings topics) {
        HistoryApi api = new HistoryApi(
                new HistoryQueries(streams), new InstanceRouter(streams, self), zone, topics.counts(), topics.alerts());
        StaticFiles.load().forEach((path, file) -> routes.put(path, HttpRoute.quick(get(call -> file))));
        routes.put("/api/subjects", HttpRoute.quick(get(api::subjects)));
        routes.put("/api/counts", HttpRoute.quick(get(api::counts)));
        routes.put("/api/alerts", HttpRoute.quick(get(api::alerts)));
        routes.put("/api/incidents", HttpRoute.quick(get(api::incidents)));
    }

    /** Path → route. */
    Map<String, HttpRoute> routes() {
        return routes;
    }

    private static HttpRoute.Handler get(HttpRoute.Handler route) {
        return call -> {
            if (!"GET".equals(call.method()) && !"HEAD".equals(call.method())) {
                return HttpAnswer.error(405, "method not allowed").withHeader("Allow", "GET");
            }
            try {
                return route.handle(call);
            } catch (BadParameterException e) {
                return HttpAnswer.error(400, e.getMessage());
            } catch (NotReadyException e) {
                return HttpAnswer.error(503, e.getMessage()).withHeader("Retry-After", "1");
            }
        };
    }
}
