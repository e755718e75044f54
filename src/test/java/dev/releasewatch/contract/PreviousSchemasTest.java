package dev.releasewatch.contract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.AlertCause;
import dev.releasewatch.avro.ClosedWindow;
import dev.releasewatch.avro.DecisionKind;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.OperatorDecision;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.WindowBatch;
import dev.releasewatch.avro.WindowCount;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Records written with the previous versions of the schemas (committed fixtures, see {@link PreviousVersionFixtures})
 * decode with the current code to the same values, the fields added since taking their defaults: a repartition topic
 * in flight, the counts topic and the decisions topic (kept for ever) survive an upgrade.
 */
class PreviousSchemasTest {

    @Test
    void shouldDecodeAWindowBatchWrittenBeforeNukesWereCounted() throws Exception {
        WindowBatch batch = AvroSerde.of(WindowBatch.class).decode(fixture("WindowBatch-e2c1786"));

        assertThat(batch.getSourcePartition()).isEqualTo(3);
        assertThat(batch.getWatermark()).isEqualTo(PreviousVersionFixtures.HOUR_END);
        assertThat(batch.getWindows())
                .extracting(ClosedWindow::getGranularity, ClosedWindow::getWindowStart, ClosedWindow::getWindowEnd)
                .containsExactly(
                        tuple(Granularity.HOUR, PreviousVersionFixtures.HOUR_START, PreviousVersionFixtures.HOUR_END),
                        tuple(Granularity.DAY, PreviousVersionFixtures.DAY_START, PreviousVersionFixtures.DAY_END));
        ClosedWindow hour = batch.getWindows().get(0);
        assertThat(hour.getCounts())
                .extracting(c -> c.getScope(), c -> c.getSubject(), c -> c.getCount())
                .containsExactly(tuple(Scope.TOTAL, "*", 12L), tuple(Scope.CATEGORY, "GAMES", 5L));
        ClosedWindow day = batch.getWindows().get(1);
        assertThat(day.getContributions())
                .extracting(c -> c.getCategory(), c -> c.getGroup(), c -> c.getCount())
                .containsExactly(tuple("GAMES", "RAZOR", 2L));
        assertThat(hour.getNukes()).as("added since: its default").isEmpty();
    }

    @Test
    void shouldDecodeAWindowCountWrittenBeforeNukesWereCounted() throws Exception {
        WindowCount count = AvroSerde.of(WindowCount.class).decode(fixture("WindowCount-e2c1786"));

        assertThat(count.getScope()).isEqualTo(Scope.CATEGORY);
        assertThat(count.getSubject()).isEqualTo("GAMES");
        assertThat(count.getGranularity()).isEqualTo(Granularity.DAY);
        assertThat(count.getWindowStart()).isEqualTo(PreviousVersionFixtures.DAY_START);
        assertThat(count.getCount()).isEqualTo(42L);
        assertThat(count.getExpected()).isEqualTo(40.5);
        assertThat(count.getNukes()).isZero();
        assertThat(count.getUnnukes()).isZero();
    }

    @Test
    void shouldDecodeAWindowCountWrittenBeforeTheBandExisted() throws Exception {
        Schema before = PreviousSchemas.of("dev.releasewatch.avro.WindowCount").stream()
                .filter(s -> s.getField("nukes") != null)
                .findFirst()
                .orElseThrow();
        GenericRecord r = new GenericData.Record(before);
        r.put("scope", new GenericData.EnumSymbol(before.getField("scope").schema(), "TOTAL"));
        r.put("subject", "*");
        r.put(
                "granularity",
                new GenericData.EnumSymbol(before.getField("granularity").schema(), "DAY"));
        r.put("windowStart", PreviousVersionFixtures.DAY_START.toEpochMilli());
        r.put("windowEnd", PreviousVersionFixtures.DAY_END.toEpochMilli());
        r.put("count", 1944L);
        r.put("expected", 1890.2);
        r.put("nukes", 7L);
        r.put("unnukes", 1L);
        byte[] written = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), before)
                .encode(r)
                .array();

        WindowCount count = AvroSerde.of(WindowCount.class).decode(written);

        assertThat(count.getCount()).isEqualTo(1944L);
        assertThat(count.getExpected()).isEqualTo(1890.2);
        assertThat(count.getNukes()).isEqualTo(7L);
        assertThat(count.getLow()).as("added since: null").isNull();
        assertThat(count.getHigh()).as("added since: null").isNull();
    }

    @Test
    void shouldDecodeADecisionWrittenBeforeEffectiveAtExisted() throws Exception {
        OperatorDecision decision = AvroSerde.of(OperatorDecision.class).decode(fixture("OperatorDecision-e1cfd69"));

        assertThat(decision.getDecisionId()).isEqualTo("7d1f4a52-0c3e-4c59-9d55-2f0b8a6c1e01");
        assertThat(decision.getKind()).isEqualTo(DecisionKind.ACCEPT_NEW_NORMAL);
        assertThat(decision.getScope()).isEqualTo(Scope.GROUP);
        assertThat(decision.getSubject()).isEqualTo("RAZOR");
        assertThat(decision.getOperator()).isEqualTo("alice");
        assertThat(decision.getReason()).isEqualTo("moved to a new site");
        assertThat(decision.getDecidedAt()).isEqualTo(PreviousVersionFixtures.DECIDED_AT);
        assertThat(decision.getEffectiveAt())
                .as("added since: null, applied when read")
                .isNull();
    }

    @Test
    void shouldDecodeAWindowBatchWrittenBeforeSourcesWereTracked() throws Exception {
        Schema before = previous(
                "WindowBatch",
                s -> s.getField("watermark") != null
                        && s.getField("windows").schema().getElementType().getField("nukes") != null);
        Schema window = before.getField("windows").schema().getElementType();
        Schema count = window.getField("counts").schema().getElementType();
        GenericRecord c = new GenericData.Record(count);
        c.put("scope", new GenericData.EnumSymbol(count.getField("scope").schema(), "TOTAL"));
        c.put("subject", "*");
        c.put("count", 12L);
        GenericRecord w = new GenericData.Record(window);
        w.put(
                "granularity",
                new GenericData.EnumSymbol(window.getField("granularity").schema(), "HOUR"));
        w.put("windowStart", PreviousVersionFixtures.HOUR_START.toEpochMilli());
        w.put("windowEnd", PreviousVersionFixtures.HOUR_END.toEpochMilli());
        w.put("counts", List.of(c));
        w.put("contributions", List.of());
        w.put("nukes", List.of());
        GenericRecord r = new GenericData.Record(before);
        r.put("sourcePartition", 2);
        r.put("watermark", PreviousVersionFixtures.HOUR_END.toEpochMilli());
        r.put("windows", List.of(w));

        WindowBatch batch = AvroSerde.of(WindowBatch.class).decode(encode(before, r));

        assertThat(batch.getSourcePartition()).isEqualTo(2);
        ClosedWindow hour = batch.getWindows().get(0);
        assertThat(hour.getCounts())
                .extracting(x -> x.getScope(), x -> x.getCount())
                .containsExactly(tuple(Scope.TOTAL, 12L));
        assertThat(hour.getSources()).as("added since: its default").isEmpty();
    }

    @Test
    void shouldDecodeAnAlertWrittenBeforeCausesExisted() throws Exception {
        Schema before = previous("Alert", s -> true);
        GenericRecord r = new GenericData.Record(before);
        r.put("alertId", "total:*:drop:2020-08-25T10:00:00Z");
        r.put("incidentId", null);
        r.put("state", new GenericData.EnumSymbol(before.getField("state").schema(), "FIRING"));
        r.put("scope", new GenericData.EnumSymbol(before.getField("scope").schema(), "TOTAL"));
        r.put("subject", "*");
        r.put(
                "direction",
                new GenericData.EnumSymbol(before.getField("direction").schema(), "DROP"));
        r.put("severity", new GenericData.EnumSymbol(before.getField("severity").schema(), "CRITICAL"));
        r.put(
                "granularity",
                new GenericData.EnumSymbol(before.getField("granularity").schema(), "HOUR"));
        r.put("windowStart", PreviousVersionFixtures.HOUR_START.toEpochMilli());
        r.put("windowEnd", PreviousVersionFixtures.HOUR_END.toEpochMilli());
        r.put("observed", 0L);
        r.put("expected", 150.0);
        r.put("baseline", "");
        r.put("score", 9.5);
        r.put("detectedAt", PreviousVersionFixtures.HOUR_END.toEpochMilli());
        r.put("summary", "feed: 0 releases in the 2 hours to 2020-08-25 12:00, expected ~150 (-100%)");
        r.put("affectedSubjects", List.of());
        r.put("missingContributors", List.of());
        r.put("resolution", null);

        Alert alert = AvroSerde.of(Alert.class).decode(encode(before, r));

        assertThat(alert.getScope()).isEqualTo(Scope.TOTAL);
        assertThat(alert.getObserved()).isZero();
        assertThat(alert.getCause()).as("added since: its default").isEqualTo(AlertCause.UNSPECIFIED);
    }

    @Test
    void shouldParseEveryPreviousSchemaWithTheScopeItWasWrittenWith() {
        assertThat(PreviousSchemas.of("dev.releasewatch.avro.OperatorDecision"))
                .allSatisfy(s -> assertThat(s.getField("scope").schema().getEnumSymbols())
                        .containsExactly("CATEGORY", "GROUP", "TOTAL"));
        assertThat(Scope.getClassSchema().getEnumSymbols()).containsExactly("CATEGORY", "GROUP", "TOTAL", "SOURCE");
    }

    @Test
    void shouldStillRefuseARecordOfAnotherTypeByItsFingerprint() throws Exception {
        byte[] oldCount = fixture("WindowCount-e2c1786");
        assertThatThrownBy(() -> AvroSerde.of(WindowBatch.class).deserializer().deserialize("t", oldCount))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void shouldKeepEveryPreviousSchemaListedAndParsed() {
        assertThat(List.of("WindowBatch", "ClosedWindow", "WindowCount", "OperatorDecision", "Alert"))
                .allSatisfy(name -> assertThat(PreviousSchemas.of("dev.releasewatch.avro." + name))
                        .isNotEmpty());
    }

    private static Schema previous(String name, Predicate<Schema> which) {
        return PreviousSchemas.of("dev.releasewatch.avro." + name).stream()
                .filter(which)
                .reduce((first, second) -> second)
                .orElseThrow();
    }

    private static byte[] encode(Schema schema, GenericRecord r) throws IOException {
        return new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema)
                .encode(r)
                .array();
    }

    /**
     * Since d95f1ce, {@code Scope} gained {@code SOURCE} and {@code Alert} gained {@code cause}. A fingerprint covers
     * the enums a schema uses, so both changed the fingerprint of every alert written before: the alert the release
     * d95f1ce wrote (the upgrade fixture's) must still resolve, through its self-contained previous schema, and only
     * through it.
     */
    @Test
    void shouldResolveAnAlertOfTheUpgradeFixtureAfterAScopeSymbolAndAnAlertFieldWereAdded() throws Exception {
        byte[] written = firstAlertOfTheUpgradeFixture();

        Alert alert = AvroSerde.of(Alert.class).decode(written);

        assertThat(alert.getAlertId()).isEqualTo("category:GAMES:drop:2020-03-08T00:00:00Z");
        assertThat(alert.getScope()).isEqualTo(Scope.CATEGORY);
        assertThat(alert.getObserved()).isEqualTo(6L);
        assertThat(alert.getCause()).as("added since: its default").isEqualTo(AlertCause.UNSPECIFIED);
        assertThatThrownBy(() ->
                        new BinaryMessageDecoder<Alert>(SpecificData.get(), Alert.getClassSchema()).decode(written))
                .as("without the previous schemas the writer's fingerprint is unknown")
                .isInstanceOf(MissingSchemaException.class);
    }

    private static byte[] firstAlertOfTheUpgradeFixture() throws IOException {
        try (InputStream in = PreviousSchemasTest.class.getResourceAsStream("/upgrade/d95f1ce/alerts.txt")) {
            assertThat(in).as("the upgrade fixture's alerts").isNotNull();
            String line = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .findFirst()
                    .orElseThrow();
            return Base64.getDecoder().decode(line.split("\t")[3]);
        }
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = PreviousSchemasTest.class.getResourceAsStream("/upgrade/" + name + ".bin")) {
            assertThat(in).as("fixture " + name).isNotNull();
            return in.readAllBytes();
        }
    }
}
