package dev.releasewatch.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.releasewatch.feed.name.ParsedRelease;
import dev.releasewatch.feed.name.ReleaseNameParser;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code release-watch parse [--file NAMES|-]}: parses release names and writes one JSON object per name.
 *
 * <p>Input lines are either a bare name or a JSON object with {@code name} and an optional {@code section}
 * (JSON Lines); both kinds may be mixed. Output fields follow {@link ParsedRelease}; fields the name does not state
 * are left out, {@code season} and {@code episode} are a number for one value and an array for several.
 * A JSON line that cannot be read is reported on standard error with its line number and skipped, and the exit
 * code is then 1; a missing file is a usage error (exit code 2, like every bad argument).
 */
@Command(
        name = "parse",
        mixinStandardHelpOptions = true,
        description = "Parse release names (one per line, or JSON Lines with name and optional section) "
                + "and print one JSON object per name.")
public final class ParseCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--file",
            paramLabel = "NAMES",
            defaultValue = "-",
            description = "File of names or JSON Lines; - (the default) reads standard input.")
    private String file;

    private final InputStream stdin;
    private final OutputStream stdout;
    private final PrintStream stderr;
    private final ReleaseNameParser parser = new ReleaseNameParser();

    /** Creates the command on the process's standard streams. */
    public ParseCommand() {
        this(System.in, System.out, System.err);
    }

    /**
     * Creates the command on the given streams, for embedding and tests.
     *
     * @param stdin  where {@code --file -} reads from
     * @param stdout where the JSON lines go
     * @param stderr where per-line errors go
     */
    public ParseCommand(InputStream stdin, OutputStream stdout, PrintStream stderr) {
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public Integer call() throws IOException {
        InputStream in = open();
        int bad = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            Writer out = new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), 1 << 16);
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                String trimmed = line.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                String name = trimmed;
                String section = null;
                if (trimmed.startsWith("{")) {
                    try {
                        JsonNode node = JSON.readTree(trimmed);
                        JsonNode n = node.get("name");
                        if (n == null || !n.isTextual()) {
                            stderr.println("line " + lineNumber + ": no text field \"name\"");
                            bad++;
                            continue;
                        }
                        name = n.asText();
                        JsonNode s = node.get("section");
                        section = s != null && s.isTextual() ? s.asText() : null;
                    } catch (JsonProcessingException e) {
                        stderr.println("line " + lineNumber + ": not valid JSON: " + e.getOriginalMessage());
                        bad++;
                        continue;
                    }
                }
                out.write(JSON.writeValueAsString(toJson(parser.parse(name, section))));
                out.write('\n');
            }
            out.flush();
        } finally {
            if (in != stdin) {
                in.close();
            }
        }
        return bad == 0 ? 0 : 1;
    }

    private InputStream open() throws IOException {
        if (file.equals("-")) {
            return stdin;
        }
        try {
            return Files.newInputStream(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--file: no such file: " + file);
        }
    }

    /**
     * The JSON object of one parsed name, in a fixed field order, without the fields the name does not state.
     *
     * @param r a parsed release
     * @return the fields to serialise
     */
    public static Map<String, Object> toJson(ParsedRelease r) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "name", r.name());
        put(m, "group", r.group());
        put(m, "type", r.type().label());
        put(m, "title", r.title());
        put(m, "year", r.year());
        put(m, "season", oneOrMany(r.seasons()));
        put(m, "episode", oneOrMany(r.episodes()));
        put(m, "date", r.date() == null ? null : r.date().toString());
        put(m, "resolution", r.resolution());
        put(m, "source", r.source());
        put(m, "codec", r.codec());
        put(m, "languages", r.languages().isEmpty() ? null : r.languages());
        put(m, "flags", r.flags().isEmpty() ? null : r.flags());
        put(m, "category", r.category().name());
        put(m, "categorySource", r.categorySource().name());
        return m;
    }

    private static Object oneOrMany(List<Integer> values) {
        if (values.isEmpty()) {
            return null;
        }
        return values.size() == 1 ? values.get(0) : values;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /**
     * Runs the command on its own, for use before it is registered as a subcommand.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ParseCommand()).execute(args));
    }
}
