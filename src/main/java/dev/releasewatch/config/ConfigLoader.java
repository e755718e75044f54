package dev.releasewatch.config;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.releasewatch.detect.DetectorSettings;

/**
 * Builds an {@link AppConfig} from layered sources, later ones winning: the defaults below, a properties
 * file ({@code --config}), environment variables ({@code RELEASE_WATCH_<KEY>}, e.g.
 * {@code RELEASE_WATCH_BOOTSTRAP_SERVERS}, {@code RELEASE_WATCH_KAFKA_SASL_MECHANISM}), then command-line
 * options. Unknown keys fail start-up, naming the key, so a typo never silently falls back to a default.
 *
 * <p>Keys starting with {@code kafka.} go, without that prefix, to every Kafka client the monitor creates
 * (Streams, producers, consumers, admin): {@code kafka.security.protocol=SASL_SSL},
 * {@code kafka.sasl.jaas.config=...}. Keys starting with {@code detector.} go to the detector and are
 * validated here, so a bad one fails start-up too; {@code detector.zone} follows {@code window.zone}
 * unless set, because the detector's hours and weekdays must be those of the windows.
 */
public final class ConfigLoader {

    /** Every known key with its default; the single place defaults are defined. */
    public static final Map<String, String> DEFAULTS = defaults();

    /**
     * Detect partitions beyond this buy nothing (each carries every window's feed-wide part) and multiply the closing
     * records every counting task sends; a typo such as 10000 is refused rather than creating that many partitions.
     */
    static final int MAX_DETECT_PARTITIONS = 256;

    private static final String ENV_PREFIX = "RELEASE_WATCH_";

    /**
     * The launcher script's own variable (the JVM's options, e.g. {@code -Xmx4g} or a JFR recording): it shares the
     * prefix but is not a configuration key, so it is skipped rather than refused as unknown.
     */
    static final String LAUNCHER_JAVA_OPTS = ENV_PREFIX + "JAVA_OPTS";

    private static final String REGISTRY_PREFIX = "schema.registry.";
    private static final String REGISTRY_URL = REGISTRY_PREFIX + "url";
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final Map<String, String> values = new LinkedHashMap<>(DEFAULTS);

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("bootstrap.servers", "");
        d.put("application.id", "release-watch");
        d.put("topic.input", "releases");
        d.put("topic.counts", "release-counts");
        d.put("topic.alerts", "release-alerts");
        d.put("topic.dead-letters", "release-dead-letters");
        d.put("topic.decisions", "release-decisions");
        d.put("topic.partitions", "6");
        d.put("detect.partitions", "0");
        d.put("topic.replication-factor", "-1");
        d.put("topic.retention", "30d");
        d.put("window.zone", "UTC");
        d.put("window.grace", "15m");
        d.put("dedup.window", "7d");
        d.put("validation.min-event-time", "2000-01-01T00:00:00Z");
        d.put("validation.max-future-skew", "1d");
        d.put("validation.max-name-length", "512");
        d.put("watermark.idle-advance", "5m");
        d.put("watermark.live-lag", "6h");
        d.put("watermark.max-ahead", "1h");
        d.put("watermark.max-clock-skew", "10m");
        d.put("watermark.jump-quorum", "3");
        d.put("watermark.max-held", "10000");
        d.put("sources.max", "16");
        d.put("processing.guarantee", "exactly_once_v2");
        d.put("stream.threads", "1");
        d.put("state.dir", System.getProperty("java.io.tmpdir") + "/release-watch-state");
        d.put("metrics.port", "9464");
        d.put("metrics.bind", "");
        d.put("alertmanager.url", "");
        d.put("http.public-url", "");
        d.put("http.auth.token", "");
        d.put("http.read-timeout", "10s");
        d.put("http.body-timeout", "30s");
        d.put("http.max-connections", "2000");
        d.put("http.threads", "32");
        d.put("http.advertised-host", "localhost");
        d.put("health.max-rebalance", "5m");
        d.put("history.day-retention", "400d");
        d.put("history.hour-retention", "60d");
        d.put("serde.format", SerdeFormat.SINGLE_OBJECT.key());
        d.put(REGISTRY_URL, "");
        return Map.copyOf(d);
    }

    /** Starts from the defaults. */
    public ConfigLoader() {}

    /** Layers a properties file over what is there. */
    public ConfigLoader file(Path file) {
        if (file == null) {
            return this;
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (IOException e) {
            throw new ConfigException("--config", "cannot read " + file + ": " + e.getMessage());
        }
        props.stringPropertyNames().forEach(k -> set(k, props.getProperty(k)));
        return this;
    }

    /** Layers {@code RELEASE_WATCH_*} environment variables over what is there. */
    public ConfigLoader environment(Map<String, String> env) {
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            if (e.getKey().startsWith(ENV_PREFIX) && !e.getKey().equals(LAUNCHER_JAVA_OPTS)) {
                set(keyOfEnv(e.getKey().substring(ENV_PREFIX.length())), e.getValue());
            }
        }
        return this;
    }

    /** Layers explicit values (command-line options) over what is there; null values are ignored. */
    public ConfigLoader overrides(Map<String, String> overrides) {
        overrides.forEach((k, v) -> {
            if (v != null) {
                set(k, v);
            }
        });
        return this;
    }

    /** Sets one key, rejecting unknown ones. */
    public ConfigLoader set(String key, String value) {
        String k = key.trim();
        if (!DEFAULTS.containsKey(k)
                && !k.startsWith("kafka.")
                && !k.startsWith("detector.")
                && !k.startsWith(REGISTRY_PREFIX)
                && !k.startsWith(AlertmanagerKeys.LABELS)) {
            throw new ConfigException(
                    k,
                    "unknown key (known keys: " + String.join(", ", DEFAULTS.keySet())
                            + ", kafka.*, detector.*, schema.registry.*, alertmanager.labels.*)");
        }
        values.put(k, value == null ? "" : value.trim());
        return this;
    }

    /** Validates every value and builds the configuration. */
    public AppConfig load() {
        Map<String, String> kafka = new TreeMap<>();
        Map<String, String> detector = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith("kafka.")) {
                kafka.put(k.substring("kafka.".length()), v);
            } else if (k.startsWith("detector.")) {
                detector.put(k, v);
            }
        });
        ZoneId windowZone = zone("window.zone");
        if (!detector.containsKey("detector.zone")) {
            detector.put("detector.zone", windowZone.getId());
        }
        try {
            DetectorSettings.fromProperties(detector);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "invalid" : e.getMessage();
            int colon = message.indexOf(':');
            throw colon > 0 && message.startsWith("detector.")
                    ? new ConfigException(
                            message.substring(0, colon),
                            message.substring(colon + 1).trim())
                    : new ConfigException("detector.*", message);
        }
        String servers = values.get("bootstrap.servers");
        String guarantee = exactlyOnce("processing.guarantee", values.get("processing.guarantee"));
        if (kafka.containsKey("processing.guarantee")) {
            exactlyOnce("kafka.processing.guarantee", kafka.get("processing.guarantee"));
        }
        TopicSettings topics = new TopicSettings(
                name("topic.input"),
                name("topic.counts"),
                name("topic.alerts"),
                name("topic.dead-letters"),
                name("topic.decisions"),
                positiveInt("topic.partitions"),
                intIn("detect.partitions", 0, MAX_DETECT_PARTITIONS),
                (short) intIn("topic.replication-factor", -1, Short.MAX_VALUE),
                duration("topic.retention", true));
        return new AppConfig(
                servers.isEmpty() ? null : servers,
                name("application.id"),
                topics,
                windowZone,
                duration("window.grace", true),
                duration("dedup.window", false),
                instant("validation.min-event-time"),
                duration("validation.max-future-skew", false),
                positiveInt("validation.max-name-length"),
                duration("watermark.idle-advance", false),
                duration("watermark.live-lag", false),
                guarantee,
                positiveInt("stream.threads"),
                Path.of(name("state.dir")),
                intIn("metrics.port", -1, 65535),
                bindAddress("metrics.bind"),
                AlertmanagerKeys.read(values),
                Map.copyOf(kafka),
                Map.copyOf(detector),
                http(),
                history(),
                eventTime(),
                serde(),
                duration("health.max-rebalance", false));
    }

    /**
     * The processing guarantee, which must be {@code exactly_once_v2}. Under {@code at_least_once} a crash replays
     * records whose additions to the pending partial sums were already written to the store's changelog: the
     * window is counted twice, and a doubled count raises false alerts. Refusing it at start-up says so, rather
     * than losing exactness silently.
     */
    private static String exactlyOnce(String key, String guarantee) {
        if (guarantee.equals("at_least_once")) {
            throw new ConfigException(
                    key,
                    "at_least_once is not supported: the partial window sums are not idempotent, so records replayed"
                            + " after a crash would be counted twice; use exactly_once_v2 (the default)");
        }
        if (!guarantee.equals("exactly_once_v2")) {
            throw new ConfigException(key, "must be exactly_once_v2, got '" + guarantee + "'");
        }
        return guarantee;
    }

    private HttpSettings http() {
        return new HttpSettings(
                BearerToken.of(values.get("http.auth.token")),
                duration("http.read-timeout", false),
                duration("http.body-timeout", false),
                positiveInt("http.max-connections"),
                intIn("http.threads", HttpSettings.MIN_THREADS, 10_000));
    }

    private HistorySettings history() {
        Duration days = duration("history.day-retention", false);
        Duration hours = duration("history.hour-retention", false);
        if (days.compareTo(Duration.ofDays(1)) < 0) {
            throw new ConfigException("history.day-retention", "must be at least 1d (one daily window), got " + days);
        }
        if (hours.compareTo(Duration.ofHours(1)) < 0) {
            throw new ConfigException(
                    "history.hour-retention", "must be at least 1h (one hourly window), got " + hours);
        }
        String host = name("http.advertised-host");
        try {
            return new HistorySettings(days, hours, host);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("http.advertised-host", e.getMessage());
        }
    }

    /**
     * The topics' framing. Registry mode needs the registry's URL; the other {@code schema.registry.*} keys go to
     * the registry serde and client verbatim (authentication, TLS, retries), so they are not validated here.
     */
    private SerdeSettings serde() {
        SerdeFormat format = SerdeFormat.parse("serde.format", values.get("serde.format"));
        String url = values.get(REGISTRY_URL);
        Map<String, String> client = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(REGISTRY_PREFIX) && !k.equals(REGISTRY_URL)) {
                client.put(k.substring(REGISTRY_PREFIX.length()), v);
            }
        });
        if (format == SerdeFormat.REGISTRY) {
            if (url.isEmpty()) {
                throw new ConfigException(
                        REGISTRY_URL,
                        "must be set when serde.format=registry, e.g. http://localhost:8080/apis/registry/v2");
            }
            try {
                URI uri = new URI(url);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new URISyntaxException(url, "not an http(s) URL with a host");
                }
            } catch (URISyntaxException e) {
                throw new ConfigException(
                        REGISTRY_URL,
                        "must be an http(s) URL such as http://localhost:8080/apis/registry/v2, got '" + url + "'");
            }
        }
        return new SerdeSettings(format, url, client);
    }

    private EventTimeSettings eventTime() {
        return new EventTimeSettings(
                duration("watermark.max-ahead", false),
                duration("watermark.max-clock-skew", false),
                positiveInt("watermark.jump-quorum"),
                positiveInt("watermark.max-held"),
                positiveInt("sources.max"));
    }

    /**
     * Parses a duration written either in ISO-8601 ({@code PT15M}, {@code P7D}) or short form
     * ({@code 500ms}, {@code 30s}, {@code 15m}, {@code 2h}, {@code 7d}).
     */
    public static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT_DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
    }

    private static String keyOfEnv(String env) {
        String lower = env.toLowerCase(Locale.ROOT);
        if (lower.startsWith("kafka_")) {
            return "kafka." + lower.substring("kafka_".length()).replace('_', '.');
        }
        if (lower.startsWith("alertmanager_labels_")) {
            return AlertmanagerKeys.LABELS + lower.substring("alertmanager_labels_".length());
        }
        if (lower.startsWith("detector_")) {
            return "detector." + lower.substring("detector_".length()).replace('_', '-');
        }
        for (String known : DEFAULTS.keySet()) {
            if (known.replace('.', '_').replace('-', '_').equals(lower)) {
                return known;
            }
        }
        return lower.replace('_', '.');
    }

    /**
     * Empty (every interface) or an IP address or host name, resolved here so that a typo fails start-up
     * naming the key rather than when the server binds.
     */
    private InetAddress bindAddress(String key) {
        String v = values.get(key);
        if (v.isEmpty()) {
            return null;
        }
        try {
            return InetAddress.getByName(v);
        } catch (UnknownHostException | SecurityException e) {
            throw new ConfigException(
                    key, "must be an IP address or host name of this machine such as 127.0.0.1, got '" + v + "'");
        }
    }

    private String name(String key) {
        String v = values.get(key);
        if (v.isEmpty()) {
            throw new ConfigException(key, "must not be empty");
        }
        return v;
    }

    private int positiveInt(String key) {
        return intIn(key, 1, Integer.MAX_VALUE);
    }

    private int intIn(String key, int min, int max) {
        String v = values.get(key);
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new ConfigException(key, "must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "must be a whole number, got '" + v + "'");
        }
    }

    private Duration duration(String key, boolean zeroAllowed) {
        String v = values.get(key);
        Duration d;
        try {
            d = parseDuration(v);
        } catch (RuntimeException e) {
            throw new ConfigException(key, "must be a duration such as 15m, 2h, 7d or PT15M, got '" + v + "'");
        }
        if (d.isNegative() || (!zeroAllowed && d.isZero())) {
            throw new ConfigException(
                    key, "must be " + (zeroAllowed ? "zero or positive" : "positive") + ", got '" + v + "'");
        }
        return d;
    }

    private Instant instant(String key) {
        String v = values.get(key);
        try {
            return Instant.parse(v);
        } catch (DateTimeException e) {
            throw new ConfigException(
                    key, "must be an ISO-8601 UTC time such as 2000-01-01T00:00:00Z, got '" + v + "'");
        }
    }

    private ZoneId zone(String key) {
        String v = values.get(key);
        try {
            return ZoneId.of(v);
        } catch (DateTimeException e) {
            throw new ConfigException(key, "must be a time zone id such as UTC or Europe/Paris, got '" + v + "'");
        }
    }
}
