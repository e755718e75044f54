package dev.releasewatch.ops;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.releasewatch.alert.AlertmanagerForwarder;
import dev.releasewatch.alert.FiringAlerts;
import dev.releasewatch.alert.WindowCountGauges;
import dev.releasewatch.app.ActiveTaskGauges;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shipped Prometheus, Alertmanager and Grafana files, checked by the real tools: {@code promtool check
 * config}, {@code promtool test rules docker/prometheus/rules.test.yml} (every rule fires on the series
 * it is meant for and stays silent on the others), {@code amtool check-config}, and every dashboard query
 * parsed by promtool. Also pins the metric names the files use to the ones the code publishes.
 */
@Tag("ops")
class ReleaseWatchRulesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Public metric names (Prometheus form) of the monitor; literal on purpose: a rename must break this test. */
    private static final Set<String> OUR_METRICS = Set.of(
            "releasewatch_events_total",
            "releasewatch_duplicates_total",
            "releasewatch_dead_letters_total",
            "releasewatch_nukes_total",
            "releasewatch_alerts_total",
            "releasewatch_windows_finalised_total",
            "releasewatch_final_watermark_seconds",
            "releasewatch_alertmanager_posts_total",
            "releasewatch_alertmanager_open_alerts",
            FiringAlerts.FIRING,
            WindowCountGauges.RELEASES,
            WindowCountGauges.EXPECTED,
            ActiveTaskGauges.NAME);

    @Test
    void prometheusConfigAndRulesAreValid() throws Exception {
        Path promtool = OpsTools.binary("promtool", "prometheus");
        OpsTools.Result r = OpsTools.run(
                OpsTools.DOCKER.resolve("prometheus"),
                TIMEOUT,
                promtool.toString(),
                "check",
                "config",
                "prometheus.yml");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS: 7 rules found");
    }

    @Test
    void everyRuleFiresExactlyWhereItsUnitTestSays() throws Exception {
        Path promtool = OpsTools.binary("promtool", "prometheus");
        OpsTools.Result r = OpsTools.run(
                OpsTools.DOCKER.resolve("prometheus"), TIMEOUT, promtool.toString(), "test", "rules", "rules.test.yml");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS");
    }

    @Test
    void everyRuleHasAUnitTestThatExpectsItToFire() throws Exception {
        String rules = Files.readString(OpsTools.DOCKER.resolve("prometheus/rules.yml"));
        String tests = Files.readString(OpsTools.DOCKER.resolve("prometheus/rules.test.yml"));
        Set<String> declared = matches(rules, "- alert: (\\w+)");
        assertThat(declared).hasSize(7);
        for (String alert : declared) {
            // an alert_rule_test block for the rule whose exp_alerts is not empty
            assertThat(Pattern.compile("alertname: " + alert + "\\s+exp_alerts:\\s+- exp_labels")
                            .matcher(tests)
                            .find())
                    .as("rules.test.yml expects %s to fire somewhere", alert)
                    .isTrue();
        }
    }

    @Test
    void alertmanagerConfigIsValid() throws Exception {
        Path amtool = OpsTools.binary("amtool", "prometheus-alertmanager");
        OpsTools.Result r = OpsTools.run(
                OpsTools.DOCKER.resolve("alertmanager"),
                TIMEOUT,
                amtool.toString(),
                "check-config",
                "alertmanager.yml");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS").contains("1 inhibit rules");
    }

    @Test
    void everyDashboardQueryParsesAndUsesPublishedMetricNames(@TempDir Path tmp) throws Exception {
        Path promtool = OpsTools.binary("promtool", "prometheus");
        JsonNode dashboard = new ObjectMapper()
                .readTree(OpsTools.DOCKER
                        .resolve("grafana/dashboards/release-watch.json")
                        .toFile());
        List<String> exprs = new ArrayList<>();
        dashboard.findValues("expr").forEach(e -> exprs.add(e.asText()));
        assertThat(String.join("\n", exprs))
                .as("every query follows the $job and $instance variables")
                .doesNotContain("job=\"release-watch\"");
        assertThat(exprs).hasSizeGreaterThan(15);
        // promtool has no "parse this expression" command; recording rules are parsed by `check rules`
        StringBuilder yaml = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < exprs.size(); i++) {
            yaml.append("      - record: dashboard_query_")
                    .append(i)
                    .append("\n        expr: ")
                    .append(new ObjectMapper().writeValueAsString(withVariables(exprs.get(i))))
                    .append('\n');
        }
        Files.writeString(tmp.resolve("dashboard-queries.yml"), yaml, StandardCharsets.UTF_8);
        OpsTools.Result r = OpsTools.run(tmp, TIMEOUT, promtool.toString(), "check", "rules", "dashboard-queries.yml");
        assertThat(r.exitCode()).as(r.output()).isZero();

        String provisioning =
                Files.readString(OpsTools.DOCKER.resolve("grafana/provisioning/datasources/prometheus.yml"));
        assertThat(provisioning).contains("uid: prometheus");
        assertThat(dashboard.findValues("uid"))
                .extracting(JsonNode::asText)
                .containsOnly("release-watch", "prometheus");

        Set<String> used = new TreeSet<>(matches(String.join("\n", exprs), "(releasewatch_\\w+)"));
        used.addAll(matches(Files.readString(OpsTools.DOCKER.resolve("prometheus/rules.yml")), "(releasewatch_\\w+)"));
        assertThat(OUR_METRICS).containsAll(used);
        assertThat(OUR_METRICS).contains(AlertmanagerForwarder.POSTS + "_total", AlertmanagerForwarder.OPEN);
    }

    @Test
    void aMissingBinaryFailsNamingThePackage() {
        assertThatThrownBy(() -> OpsTools.binary("no-such-binary-for-release-watch", "prometheus"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("install the Debian package 'prometheus'")
                .hasMessageContaining(OpsTools.INSTALL);
    }

    /** What Grafana substitutes before Prometheus sees a query: the variables' values and the rate interval. */
    private static String withVariables(String expr) {
        return expr.replace("$__rate_interval", "1m").replace("$instance", ".*").replace("$job", "release-watch");
    }

    private static Set<String> matches(String text, String regex) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
