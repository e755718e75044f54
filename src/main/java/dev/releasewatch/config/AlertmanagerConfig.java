package dev.releasewatch.config;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Where feed alerts go in Alertmanager and what they carry besides the alert itself.
 *
 * @param urls      every Alertmanager to post to ({@code alertmanager.url}, comma-separated): each member of an HA
 *                  cluster gets every alert, because Alertmanager's gossip deduplicates notifications, not
 *                  received alerts; empty = forwarding off
 * @param labels    static labels added to every alert ({@code alertmanager.labels.NAME=VALUE}), e.g. {@code env}
 *                  or {@code team} for routing
 * @param publicUrl base URL of the monitor's page as users reach it ({@code http.public-url}), used for the
 *                  alerts' {@code generatorURL}; null = {@code http://<this host>:<metrics.port>}
 */
public record AlertmanagerConfig(List<URI> urls, Map<String, String> labels, URI publicUrl) {

    /** Copies the collections. */
    public AlertmanagerConfig {
        urls = List.copyOf(urls);
        labels = Map.copyOf(labels);
    }

    /** Whether alerts are forwarded at all. */
    public boolean enabled() {
        return !urls.isEmpty();
    }
}
