package dev.releasewatch.contract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;
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
 * old records as MALFORMED before. The named types the old schemas share are parsed first: {@link Granularity} is
 * unchanged since the first release and taken from the current class; {@link Scope} gained {@code SOURCE} (alerts on a
 * source that went silent), and since an enum's symbols are part of the fingerprint of every record that uses it, every
 * previous schema is parsed with the Scope it was written with, {@value #SCOPE_BEFORE_SOURCE} (all of them predate
 * SOURCE). A later change to Scope would keep one such file per Scope version and say in the index which goes with
 * which record.
 */
final class PreviousSchemas {

    static final String DIRECTORY = "/schemas/previous/";

    /** The Scope enum every previous schema was written with: CATEGORY, GROUP, TOTAL. */
    static final String SCOPE_BEFORE_SOURCE = "Scope-d95f1ce.avsc";

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
        String scope = resource(SCOPE_BEFORE_SOURCE);
        for (String file : index()) {
            Schema.Parser parser = new Schema.Parser();
            parser.parse(scope);
            parser.parse(Granularity.getClassSchema().toString());
            schemas.add(parser.parse(resource(file)));
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
