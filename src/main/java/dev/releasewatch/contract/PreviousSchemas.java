package dev.releasewatch.contract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;

/**
 * The earlier versions of the record schemas, kept as resources under {@value #DIRECTORY} (listed in its
 * {@code index.txt}), so that records written before an upgrade still decode after it: a topic's old records
 * (the decisions topic is kept for ever), a changelog that restores a store, a repartition topic in flight.
 *
 * <p>Avro's single-object encoding puts the writer schema's fingerprint in front of every record: that fingerprint
 * is the record's version. A decoder that knows the writer schema by its fingerprint resolves the record to the
 * current schema (fields added since take their defaults); one that does not refuses it, which is what dead-lettered
 * old records as MALFORMED before.
 *
 * <p>Each file is self-contained: the enums it uses ({@code Scope}, {@code Granularity}) are written inside it as they
 * were then, and each file is parsed on its own. A fingerprint covers the named types a schema uses, so an old schema
 * parsed with today's enums would have another fingerprint as soon as an enum gains a symbol, and every record written
 * before would no longer be recognised.
 */
final class PreviousSchemas {

    static final String DIRECTORY = "/schemas/previous/";

    private static final List<Schema> ALL = load();

    private PreviousSchemas() {}

    /** Every previous schema of the record named {@code fullName}. */
    static List<Schema> of(String fullName) {
        return ALL.stream().filter(s -> s.getFullName().equals(fullName)).toList();
    }

    /**
     * A store that finds the previous schemas of the record named {@code fullName} by their fingerprints; only
     * that record's, so a record of another type is still refused by its fingerprint.
     */
    static SchemaStore.Cache store(String fullName) {
        SchemaStore.Cache cache = new SchemaStore.Cache();
        of(fullName).forEach(cache::addSchema);
        return cache;
    }

    private static List<Schema> load() {
        List<Schema> schemas = new ArrayList<>();
        for (String file : index()) {
            schemas.add(new Schema.Parser().parse(resource(file)));
        }
        return List.copyOf(schemas);
    }

    private static List<String> index() {
        List<String> files = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(open("index.txt"), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String file = line.strip();
                if (!file.isEmpty() && !file.startsWith("#")) {
                    files.add(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DIRECTORY + "index.txt", e);
        }
        return files;
    }

    private static String resource(String file) {
        try (InputStream in = open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DIRECTORY + file, e);
        }
    }

    private static InputStream open(String file) throws IOException {
        InputStream in = PreviousSchemas.class.getResourceAsStream(DIRECTORY + file);
        if (in == null) {
            throw new IOException("missing resource " + DIRECTORY + file);
        }
        return in;
    }
}
