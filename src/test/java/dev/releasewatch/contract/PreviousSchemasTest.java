package dev.releasewatch.contract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import dev.releasewatch.avro.Alert;
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
    void shouldStillRefuseARecordOfAnotherTypeByItsFingerprint() throws Exception {
        byte[] oldCount = fixture("WindowCount-e2c1786");
        assertThatThrownBy(() -> AvroSerde.of(WindowBatch.class).deserializer().deserialize("t", oldCount))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void shouldKeepEveryPreviousSchemaListedAndParsed() {
        assertThat(List.of("WindowBatch", "WindowCount", "OperatorDecision"))
                .allSatisfy(name -> assertThat(PreviousSchemas.of("dev.releasewatch.avro." + name))
                        .isNotEmpty());
    }

    /**
     * The next change adds a symbol to {@code Scope} and a field to {@code Alert}. A fingerprint covers the enums a
     * schema uses, so both change the fingerprint of every alert written before: the alert the release d95f1ce wrote
     * (the upgrade fixture's) must still resolve, through its self-contained previous schema, and only through it.
     */
    @Test
    void shouldResolveAnAlertOfTheUpgradeFixtureAfterAScopeSymbolAndAnAlertFieldAreAdded() throws Exception {
        String current = Alert.getClassSchema().toString();
        Schema evolved = new Schema.Parser()
                .parse(current.replace(
                                "\"symbols\":[\"CATEGORY\",\"GROUP\",\"TOTAL\"]",
                                "\"symbols\":[\"CATEGORY\",\"GROUP\",\"TOTAL\",\"SOURCE\"]")
                        .replaceFirst(
                                "\"fields\":\\[",
                                "\"fields\":[{\"name\":\"cause\",\"type\":[\"null\",\"string\"],\"default\":null},"));
        assertThat(evolved.getField("cause")).isNotNull();
        assertThat(evolved.getField("scope").schema().getEnumSymbols()).contains("SOURCE");
        byte[] written = firstAlertOfTheUpgradeFixture();

        GenericRecord alert = new BinaryMessageDecoder<GenericRecord>(
                        GenericData.get(),
                        evolved,
                        PreviousSchemas.store(Alert.getClassSchema().getFullName()))
                .decode(written);

        assertThat(alert.get("alertId")).hasToString("category:GAMES:drop:2020-03-08T00:00:00Z");
        assertThat(alert.get("scope")).hasToString("CATEGORY");
        assertThat(alert.get("observed")).isEqualTo(6L);
        assertThat(alert.get("cause")).as("added since: its default").isNull();
        assertThatThrownBy(() -> new BinaryMessageDecoder<GenericRecord>(GenericData.get(), evolved).decode(written))
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
