package dev.releasewatch.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The dashboard page and what it loads, read once from the jar: the page's own files (under
 * {@code /dashboard/} on the class path) and uPlot, the chart library, from its WebJar. Nothing is loaded from the
 * internet by the page at run time.
 */
final class StaticFiles {

    private static final String WEBJAR = "META-INF/resources/webjars/uplot/";

    private StaticFiles() {}

    /** Path served → answer. */
    static Map<String, HttpAnswer> load() {
        String uplot = WEBJAR + uplotVersion() + "/dist/";
        Map<String, HttpAnswer> files = new LinkedHashMap<>();
        files.put("/", file("dashboard/index.html", "text/html; charset=utf-8"));
        files.put("/dashboard.js", file("dashboard/dashboard.js", "text/javascript; charset=utf-8"));
        files.put("/dashboard.css", file("dashboard/dashboard.css", "text/css; charset=utf-8"));
        files.put("/vendor/uPlot.iife.min.js", file(uplot + "uPlot.iife.min.js", "text/javascript; charset=utf-8"));
        files.put("/vendor/uPlot.min.css", file(uplot + "uPlot.min.css", "text/css; charset=utf-8"));
        return files;
    }

    /** The version of the uPlot WebJar on the class path, from its Maven metadata, so an upgrade is one pom line. */
    private static String uplotVersion() {
        Properties p = new Properties();
        try (InputStream in = resource("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static HttpAnswer file(String path, String type) {
        try (InputStream in = resource(path)) {
            return new HttpAnswer(200, type, in.readAllBytes(), Map.of("Cache-Control", "no-cache"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String path) throws IOException {
        InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IOException("missing from the jar: " + path);
        }
        return in;
    }
}
