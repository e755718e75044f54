package dev.releasewatch.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads the Alertmanager keys into an {@link AlertmanagerConfig}: {@code alertmanager.url} (a comma-separated
 * list), {@code alertmanager.labels.*} and {@code http.public-url}. Kept apart from {@link ConfigLoader} so the
 * loader stays a list of keys; every check names the key, so a typo fails start-up instead of an alert.
 */
final class AlertmanagerKeys {

    /** Prefix of the static-label keys: {@code alertmanager.labels.env=prod} adds {@code env="prod"}. */
    static final String LABELS = "alertmanager.labels.";

    /** Prometheus label names; Alertmanager rejects an alert with any other. */
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    /** Labels the forwarder sets itself: a static label of the same name would change an alert's identity. */
    private static final Set<String> OWN_LABELS =
            Set.of("alertname", "scope", "subject", "severity", "cause", "incident", "alertId");

    private AlertmanagerKeys() {}

    static AlertmanagerConfig read(Map<String, String> values) {
        List<URI> urls = new ArrayList<>();
        for (String part : values.get("alertmanager.url").split(",")) {
            if (!part.isBlank()) {
                urls.add(httpUrl("alertmanager.url", part.strip(), "http://alertmanager:9093"));
            }
        }
        Map<String, String> labels = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(LABELS)) {
                String name = k.substring(LABELS.length());
                if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
                    throw new ConfigException(k, "label name must match [a-zA-Z_][a-zA-Z0-9_]* without a leading __");
                }
                if (OWN_LABELS.contains(name)) {
                    throw new ConfigException(k, "'" + name + "' is set by release-watch itself (" + OWN_LABELS + ")");
                }
                if (v.isEmpty()) {
                    throw new ConfigException(k, "must not be empty (an empty label is no label in Alertmanager)");
                }
                labels.put(name, v);
            }
        });
        String page = values.get("http.public-url");
        URI publicUrl = page.isEmpty() ? null : httpUrl("http.public-url", page, "https://watch.example.org");
        return new AlertmanagerConfig(urls, labels, publicUrl);
    }

    private static URI httpUrl(String key, String text, String example) {
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            url = null;
        }
        if (url == null
                || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                || url.getHost() == null) {
            throw new ConfigException(key, "must be an http(s) URL such as " + example + ", got '" + text + "'");
        }
        return url;
    }
}
