package dev.releasewatch.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a route answers: status, content type, body and any extra headers. {@link BoundedHttpServer} writes it.
 *
 * @param status      the HTTP status
 * @param contentType the {@code Content-Type}
 * @param body        the body's bytes
 * @param headers     further headers ({@code Allow}, {@code Connection}, ...)
 */
public record HttpAnswer(int status, String contentType, byte[] body, Map<String, String> headers) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A JSON answer. */
    public static HttpAnswer json(int status, String json) {
        return new HttpAnswer(status, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** {@code {"error": message}}. */
    public static HttpAnswer error(int status, String message) {
        return json(status, MAPPER.createObjectNode().put("error", message).toString());
    }

    /** A text answer of the given type. */
    public static HttpAnswer text(int status, String contentType, String body) {
        return new HttpAnswer(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** A copy with one more header. */
    public HttpAnswer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpAnswer(status, contentType, body, Map.copyOf(more));
    }
}
