package dev.releasewatch.config;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Alertmanager keys: a URL list, static labels (also from the environment) and the page URL. */
class AlertmanagerKeysTest {

    @Test
    void readsAListOfUrlsLabelsFromFileOrEnvironmentAndThePageUrl() {
        AlertmanagerConfig c = new ConfigLoader()
                .environment(Map.of("RELEASE_WATCH_ALERTMANAGER_LABELS_ENV", "prod"))
                .overrides(Map.of(
                        "alertmanager.url", "http://am-0:9093, http://am-1:9093",
                        "http.public-url", "https://watch.example.org"))
                .load()
                .alertmanager();
        assertThat(c.urls()).containsExactly(URI.create("http://am-0:9093"), URI.create("http://am-1:9093"));
        assertThat(c.labels()).containsExactly(Map.entry("env", "prod"));
        assertThat(c.publicUrl()).isEqualTo(URI.create("https://watch.example.org"));
    }

    @Test
    void defaultsAreOffNoLabelsAndNoPageUrl() {
        AlertmanagerConfig c = new ConfigLoader().load().alertmanager();
        assertThat(c.enabled()).isFalse();
        assertThat(c.labels()).isEmpty();
        assertThat(c.publicUrl()).isNull();
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> new ConfigLoader()
                        .set("alertmanager.url", "http://am-0:9093,am-1:9093")
                        .load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alertmanager.url");
        assertThatThrownBy(() -> new ConfigLoader()
                        .set("alertmanager.labels.severity", "x")
                        .load())
                .hasMessageContaining("alertmanager.labels.severity");
        assertThatThrownBy(() -> new ConfigLoader()
                        .set("alertmanager.labels.bad-name", "x")
                        .load())
                .hasMessageContaining("alertmanager.labels.bad-name");
        assertThatThrownBy(
                        () -> new ConfigLoader().set("http.public-url", "watch").load())
                .hasMessageContaining("http.public-url");
    }
}
