package dev.releasewatch.feed.name;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.releasewatch.cli.ParseCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code release-watch parse} end to end on invented names. */
class ParseCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        ParseCommand command = new ParseCommand(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        CommandLine cli = new CommandLine(command);
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        return cli.execute(args);
    }

    private List<JsonNode> lines() throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    @Test
    void shouldWriteOneJsonObjectPerPlainName() throws IOException {
        int code = run("Lantern.Keepers.S02E07E08.720p.HDTV.x264-GRP\n\nQuiet.Harbor.2019.1080p.BluRay.x264-NOVA\n");
        assertThat(code).isZero();
        List<JsonNode> nodes = lines();
        assertThat(nodes).hasSize(2);
        JsonNode episode = nodes.get(0);
        assertThat(episode.get("name").asText()).isEqualTo("Lantern.Keepers.S02E07E08.720p.HDTV.x264-GRP");
        assertThat(episode.get("group").asText()).isEqualTo("GRP");
        assertThat(episode.get("type").asText()).isEqualTo("episode");
        assertThat(episode.get("season").asInt()).isEqualTo(2);
        assertThat(episode.get("episode").isArray()).isTrue();
        assertThat(episode.get("episode")).hasSize(2);
        assertThat(episode.get("category").asText()).isEqualTo("TV");
        assertThat(episode.has("year")).as("absent fields are left out").isFalse();
        assertThat(episode.has("languages")).isFalse();
        JsonNode movie = nodes.get(1);
        assertThat(movie.get("year").asInt()).isEqualTo(2019);
        assertThat(movie.has("season")).isFalse();
    }

    @Test
    void shouldReadJsonLinesWithSections() throws IOException {
        int code = run("{\"name\":\"Quiet.Harbor.2019.1080p.BluRay.x264-NOVA\",\"section\":\"X264-HD\"}\n"
                + "{\"name\":\"Quiet.Harbor.2019.1080p.BluRay.x264-NOVA\",\"section\":\"PRE\"}\n");
        assertThat(code).isZero();
        List<JsonNode> nodes = lines();
        assertThat(nodes.get(0).get("categorySource").asText()).isEqualTo("SECTION");
        assertThat(nodes.get(1).get("categorySource").asText()).isEqualTo("NAME");
        assertThat(nodes.get(1).get("category").asText()).isEqualTo("MOVIE");
    }

    @Test
    void shouldReportBadJsonLinesAndCarryOn() throws IOException {
        int code = run("{not json\n{\"section\":\"TV\"}\nLantern.Keepers.S01E01.HDTV.x264-GRP\n");
        assertThat(code).isEqualTo(1);
        assertThat(lines()).hasSize(1);
        String errors = err.toString(StandardCharsets.UTF_8);
        assertThat(errors).contains("line 1: not valid JSON").contains("line 2: no text field \"name\"");
    }

    @Test
    void shouldReadAFile(@TempDir Path dir) throws IOException {
        Path names = dir.resolve("names.txt");
        Files.writeString(names, "Lantern.Keepers.S01E01.HDTV.x264-GRP\n", StandardCharsets.UTF_8);
        assertThat(run("", "--file", names.toString())).isZero();
        assertThat(lines()).hasSize(1);
    }

    @Test
    void shouldFailWithExitCodeTwoOnBadArguments(@TempDir Path dir) {
        assertThat(run("", "--bogus")).isEqualTo(2);
        assertThat(run("", "--file", dir.resolve("missing.txt").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file");
    }
}
