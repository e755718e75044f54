package dev.releasewatch.http;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

import dev.releasewatch.avro.Granularity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryParamsTest {

    private static final Set<String> KNOWN = Set.of("scope", "subject", "granularity", "from", "to", "limit", "open");

    @Test
    void shouldReadDatesAsTheStartOfTheDayInTheWindowZoneAndInstantsAsThey() throws Exception {
        QueryParams p = QueryParams.parse("from=2020-08-19&to=2020-08-27T06:00:00Z", KNOWN);

        assertThat(p.time("from", ZoneOffset.UTC, null)).isEqualTo(Instant.parse("2020-08-19T00:00:00Z"));
        assertThat(p.time("from", ZoneId.of("Europe/Paris"), null)).isEqualTo(Instant.parse("2020-08-18T22:00:00Z"));
        assertThat(p.time("to", ZoneOffset.UTC, null)).isEqualTo(Instant.parse("2020-08-27T06:00:00Z"));
        assertThat(p.time("absent", ZoneOffset.UTC, Instant.EPOCH)).isEqualTo(Instant.EPOCH);
    }

    @Test
    void shouldDecodeValuesAndTakeEnumsInAnyCase() throws Exception {
        QueryParams p = QueryParams.parse("subject=%2A&granularity=hour&scope=", KNOWN);

        assertThat(p.get("subject")).isEqualTo("*");
        assertThat(p.oneOf("granularity", Granularity.class, Granularity.DAY)).isEqualTo(Granularity.HOUR);
        assertThat(p.get("scope")).as("empty is absent").isNull();
    }

    @Test
    void shouldRefuseUnknownRepeatedAndMalformedParametersWithAReason() {
        assertThatThrownBy(() -> QueryParams.parse("granulartiy=HOUR", KNOWN))
                .isInstanceOf(BadParameterException.class)
                .hasMessageStartingWith("unknown parameter 'granulartiy'");
        assertThatThrownBy(() -> QueryParams.parse("scope=TOTAL&scope=GROUP", KNOWN))
                .hasMessage("parameter 'scope' given more than once");
        assertThatThrownBy(() -> QueryParams.parse("from=2020-02-30", KNOWN).time("from", ZoneOffset.UTC, null))
                .hasMessageContaining("from must be a date such as 2020-08-19");
        assertThatThrownBy(() -> QueryParams.parse("limit=0", KNOWN).intIn("limit", 1, 10, 5))
                .hasMessage("limit must be a whole number from 1 to 10, got '0'");
        assertThatThrownBy(() -> QueryParams.parse("open=yes", KNOWN).flag("open", true))
                .hasMessage("open must be true or false, got 'yes'");
        assertThatThrownBy(() ->
                        QueryParams.parse("granularity=WEEK", KNOWN).oneOf("granularity", Granularity.class, null))
                .hasMessage("granularity must be one of HOUR, DAY, got 'WEEK'");
    }
}
