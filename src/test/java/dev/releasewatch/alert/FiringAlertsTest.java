package dev.releasewatch.alert;

import java.time.Instant;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.AlertState;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.Severity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link FiringAlerts}: open incidents per series, and the cap on subjects. */
class FiringAlertsTest {

    private static final Instant T = Instant.parse("2020-08-27T00:00:00Z");

    private static Alert alert(String id, AlertState state, Scope scope, String subject, Severity severity) {
        return Alert.newBuilder(AlertmanagerForwarderTest.alert(id, state, severity, T))
                .setScope(scope)
                .setSubject(subject)
                .build();
    }

    @Test
    void countsOpenIncidentsAndFollowsSeverityChangesAndResolution() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FiringAlerts gauge = new FiringAlerts(registry, 10);
        gauge.onAlert(alert("a", AlertState.FIRING, Scope.CATEGORY, "GAMES", Severity.WARNING));
        gauge.onAlert(alert("b", AlertState.FIRING, Scope.CATEGORY, "GAMES", Severity.WARNING));
        assertThat(gauge.value("CATEGORY", "GAMES", "warning")).isEqualTo(2);
        gauge.onAlert(alert("a", AlertState.FIRING, Scope.CATEGORY, "GAMES", Severity.CRITICAL));
        assertThat(gauge.value("CATEGORY", "GAMES", "warning")).isEqualTo(1);
        assertThat(gauge.value("CATEGORY", "GAMES", "critical")).isEqualTo(1);
        gauge.onAlert(alert("a", AlertState.RESOLVED, Scope.CATEGORY, "GAMES", Severity.CRITICAL));
        gauge.onAlert(alert("b", AlertState.RESOLVED, Scope.CATEGORY, "GAMES", Severity.WARNING));
        assertThat(registry.find(FiringAlerts.FIRING).gauges())
                .as("series stay, at zero")
                .hasSize(2)
                .allMatch(g -> g.value() == 0);
    }

    @Test
    void subjectsPastTheCapShareTheOtherSeries() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FiringAlerts gauge = new FiringAlerts(registry, 3);
        for (int i = 0; i < 50; i++) {
            gauge.onAlert(alert("g" + i, AlertState.FIRING, Scope.GROUP, "GROUP" + i, Severity.WARNING));
        }
        assertThat(gauge.value("GROUP", "GROUP0", "warning")).isEqualTo(1);
        assertThat(gauge.value("GROUP", "GROUP2", "warning")).isEqualTo(1);
        assertThat(gauge.value("GROUP", "GROUP3", "warning")).isZero();
        assertThat(gauge.value("GROUP", FiringAlerts.OTHER, "warning")).isEqualTo(47);
        assertThat(gauge.seriesCount()).isEqualTo(4);
        assertThat(registry.find(FiringAlerts.FIRING).gauges()).hasSize(4);
    }
}
