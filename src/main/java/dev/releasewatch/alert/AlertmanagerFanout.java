package dev.releasewatch.alert;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.config.AlertmanagerConfig;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends every alert to each configured Alertmanager, one {@link AlertmanagerForwarder} per URL.
 *
 * <p>An HA pair (or more) of Alertmanagers needs every alert at every member: the members gossip about the
 * notifications they sent and silences, not about the alerts they received, so an alert posted to one member
 * only is lost when that member is down. Each member gets its own queue, retry and backoff, so one member
 * being down neither delays nor duplicates what the others receive. The forwarders share the metrics: the
 * {@code releasewatch_alertmanager_posts_total} counters add up over the members.
 */
public final class AlertmanagerFanout implements AlertListener, AutoCloseable {

    private final List<AlertmanagerForwarder> members;

    private AlertmanagerFanout(List<AlertmanagerForwarder> members) {
        this.members = List.copyOf(members);
    }

    /**
     * Starts one forwarder per URL of {@code config}, with its static labels and page URL.
     *
     * @param config      the Alertmanager configuration
     * @param metricsPort the monitor's HTTP port, for the page URL when {@code http.public-url} is not set
     * @param registry    where the metrics go, or null
     * @return the fan-out, or null when no Alertmanager is configured
     */
    public static AlertmanagerFanout startIfConfigured(
            AlertmanagerConfig config, int metricsPort, MeterRegistry registry) {
        if (!config.enabled()) {
            return null;
        }
        URI page = config.publicUrl() != null ? config.publicUrl() : defaultPage(metricsPort);
        List<AlertmanagerForwarder> started = new ArrayList<>();
        for (URI url : config.urls()) {
            AlertmanagerForwarder.Settings settings =
                    AlertmanagerForwarder.Settings.defaults(url.toString()).withLabelsAndPage(config.labels(), page);
            started.add(new AlertmanagerForwarder(settings, registry));
        }
        return new AlertmanagerFanout(started);
    }

    /**
     * {@code http://<host name>:<port>/}: right inside a container network or on one machine; behind a proxy
     * or a load balancer set {@code http.public-url}. Null when the page is off (no port).
     */
    static URI defaultPage(int metricsPort) {
        if (metricsPort <= 0) {
            return null;
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return URI.create("http://" + host + ":" + metricsPort + "/");
    }

    /** The forwarders, one per Alertmanager. */
    List<AlertmanagerForwarder> members() {
        return members;
    }

    @Override
    public void onAlert(Alert alert) {
        members.forEach(m -> m.onAlert(alert));
    }

    @Override
    public void close() {
        members.forEach(AlertmanagerForwarder::close);
    }
}
