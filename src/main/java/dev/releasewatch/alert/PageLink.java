package dev.releasewatch.alert;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import dev.releasewatch.avro.Alert;

/**
 * The link from an alert to the monitor's page ({@code /}) showing its subject around its window: what
 * Alertmanager calls {@code generatorURL} and shows as "Source" in its UI, mails and chat messages. The query
 * names the page's own parameters: {@code scope}, {@code subject}, {@code granularity} and {@code time} (the
 * alert's window start, ISO-8601 UTC), so a person lands on the chart that explains the alert.
 */
public final class PageLink {

    private PageLink() {}

    /**
     * The page link of {@code alert}.
     *
     * @param base the page's public base URL ({@code http.public-url}); its path is kept, a trailing slash added
     */
    public static String of(URI base, Alert alert) {
        String b = base.toString();
        if (b.contains("?")) {
            b = b.substring(0, b.indexOf('?'));
        }
        if (!b.endsWith("/")) {
            b += "/";
        }
        return b + "?scope=" + encode(alert.getScope().name())
                + "&subject=" + encode(alert.getSubject())
                + "&granularity=" + encode(alert.getGranularity().name())
                + "&time=" + encode(alert.getWindowStart().toString());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
