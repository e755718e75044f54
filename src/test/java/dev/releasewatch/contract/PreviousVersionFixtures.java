package dev.releasewatch.contract;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;

/**
 * Writes the committed fixtures of {@link PreviousSchemasTest}: one record of each schema that changed since the
 * first release, encoded with that earlier schema as the release of the code that used it wrote it (Avro
 * single-object encoding of the datum, the writer schema's fingerprint in front), into
 * {@code src/test/resources/upgrade/}. The earlier releases' generated classes wrote exactly these bytes: the
 * encoding depends only on the schema and the values. Run by hand when a schema is versioned again:
 * {@code java -cp target/test-classes:target/classes:<deps> dev.releasewatch.contract.PreviousVersionFixtures}.
 */
public final class PreviousVersionFixtures {

    static final Instant HOUR_START = Instant.parse("2024-03-01T04:00:00Z");
    static final Instant HOUR_END = Instant.parse("2024-03-01T05:00:00Z");
    static final Instant DAY_START = Instant.parse("2024-03-01T00:00:00Z");
    static final Instant DAY_END = Instant.parse("2024-03-02T00:00:00Z");
    static final Instant DECIDED_AT = Instant.parse("2024-03-01T09:30:00Z");

    private PreviousVersionFixtures() {}

    /** Writes the fixtures into the directory given (default {@code src/test/resources/upgrade}). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/upgrade");
        Files.createDirectories(dir);
        write(dir, "WindowBatch-e2c1786", windowBatch(schema("WindowBatch")));
        write(dir, "WindowCount-e2c1786", windowCount(schema("WindowCount")));
        write(dir, "OperatorDecision-e1cfd69", decision(schema("OperatorDecision")));
    }

    private static Schema schema(String name) {
        return PreviousSchemas.of("dev.releasewatch.avro." + name).get(0);
    }

    private static GenericRecord windowBatch(Schema schema) {
        Schema window = schema.getField("windows").schema().getElementType();
        Schema count = window.getField("counts").schema().getElementType();
        Schema contribution = window.getField("contributions").schema().getElementType();
        GenericRecord hour = new GenericData.Record(window);
        hour.put("granularity", symbol(window.getField("granularity").schema(), "HOUR"));
        hour.put("windowStart", HOUR_START.toEpochMilli());
        hour.put("windowEnd", HOUR_END.toEpochMilli());
        hour.put("counts", List.of(subjectCount(count, "TOTAL", "*", 12), subjectCount(count, "CATEGORY", "GAMES", 5)));
        hour.put("contributions", List.of());
        GenericRecord day = new GenericData.Record(window);
        day.put("granularity", symbol(window.getField("granularity").schema(), "DAY"));
        day.put("windowStart", DAY_START.toEpochMilli());
        day.put("windowEnd", DAY_END.toEpochMilli());
        day.put("counts", List.of(subjectCount(count, "GROUP", "RAZOR", 2)));
        GenericRecord c = new GenericData.Record(contribution);
        c.put("category", "GAMES");
        c.put("group", "RAZOR");
        c.put("count", 2L);
        day.put("contributions", List.of(c));
        GenericRecord batch = new GenericData.Record(schema);
        batch.put("sourcePartition", 3);
        batch.put("watermark", HOUR_END.toEpochMilli());
        batch.put("windows", List.of(hour, day));
        return batch;
    }

    private static GenericRecord subjectCount(Schema schema, String scope, String subject, long n) {
        GenericRecord r = new GenericData.Record(schema);
        r.put("scope", symbol(schema.getField("scope").schema(), scope));
        r.put("subject", subject);
        r.put("count", n);
        return r;
    }

    private static GenericRecord windowCount(Schema schema) {
        GenericRecord r = new GenericData.Record(schema);
        r.put("scope", symbol(schema.getField("scope").schema(), "CATEGORY"));
        r.put("subject", "GAMES");
        r.put("granularity", symbol(schema.getField("granularity").schema(), "DAY"));
        r.put("windowStart", DAY_START.toEpochMilli());
        r.put("windowEnd", DAY_END.toEpochMilli());
        r.put("count", 42L);
        r.put("expected", 40.5);
        return r;
    }

    private static GenericRecord decision(Schema schema) {
        GenericRecord r = new GenericData.Record(schema);
        r.put("decisionId", "7d1f4a52-0c3e-4c59-9d55-2f0b8a6c1e01");
        r.put("kind", symbol(schema.getField("kind").schema(), "ACCEPT_NEW_NORMAL"));
        r.put("scope", symbol(schema.getField("scope").schema(), "GROUP"));
        r.put("subject", "RAZOR");
        r.put("operator", "alice");
        r.put("reason", "moved to a new site");
        r.put("decidedAt", DECIDED_AT.toEpochMilli());
        return r;
    }

    private static GenericData.EnumSymbol symbol(Schema schema, String name) {
        return new GenericData.EnumSymbol(schema, name);
    }

    private static void write(Path dir, String name, GenericRecord record) throws IOException {
        ByteBuffer buffer =
                new BinaryMessageEncoder<GenericRecord>(GenericData.get(), record.getSchema()).encode(record);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        Files.write(dir.resolve(name + ".bin"), bytes);
    }
}
