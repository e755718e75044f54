package dev.releasewatch.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of an API request's query string. Unknown and repeated parameters are refused rather than ignored:
 * a misspelt {@code granulartiy=HOUR} must not silently chart days.
 */
final class QueryParams {

    private final Map<String, String> values;

    private QueryParams(Map<String, String> values) {
        this.values = values;
    }

    /** Parses {@code query} (still percent-encoded), accepting only the names in {@code known}. */
    static QueryParams parse(String query, Set<String> known) throws BadParameterException {
        Map<String, String> values = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name;
                String value;
                try {
                    name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new BadParameterException("query string is not valid percent-encoding: " + pair);
                }
                if (!known.contains(name)) {
                    throw new BadParameterException(
                            "unknown parameter '" + name + "' (known: " + String.join(", ", known) + ")");
                }
                if (values.put(name, value) != null) {
                    throw new BadParameterException("parameter '" + name + "' given more than once");
                }
            }
        }
        return new QueryParams(values);
    }

    /** The value, or null when absent or empty. */
    String get(String name) {
        String v = values.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** The value of an enum parameter in upper case, or {@code fallback} when absent. */
    <E extends Enum<E>> E oneOf(String name, Class<E> type, E fallback) throws BadParameterException {
        String v = get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(c.name());
            }
            throw new BadParameterException(name + " must be one of " + allowed + ", got '" + v + "'");
        }
    }

    /**
     * A time: an ISO-8601 instant ({@code 2020-08-19T00:00:00Z}) or a date ({@code 2020-08-19}), which means the
     * start of that day in {@code zone} (the zone the windows are aligned to); {@code fallback} when absent.
     */
    Instant time(String name, ZoneId zone, Instant fallback) throws BadParameterException {
        String v = get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(zone).toInstant() : Instant.parse(v);
        } catch (DateTimeException e) {
            throw new BadParameterException(name
                    + " must be a date such as 2020-08-19 or an instant such as 2020-08-19T00:00:00Z, got '" + v + "'");
        }
    }

    /** A whole number between {@code min} and {@code max}, or {@code fallback} when absent. */
    int intIn(String name, int min, int max, int fallback) throws BadParameterException {
        String v = get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        throw new BadParameterException(
                name + " must be a whole number from " + min + " to " + max + ", got '" + v + "'");
    }

    /** Whether a boolean parameter is true, {@code fallback} when absent. */
    boolean flag(String name, boolean fallback) throws BadParameterException {
        String v = get(name);
        if (v == null) {
            return fallback;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadParameterException(name + " must be true or false, got '" + v + "'");
        };
    }
}
