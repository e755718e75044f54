package dev.releasewatch.it;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.releasewatch.app.MonitorRuntime;
import dev.releasewatch.app.ReplaySession;
import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.AlertState;
import dev.releasewatch.avro.Granularity;
import dev.releasewatch.avro.Scope;
import dev.releasewatch.avro.WindowCount;
import dev.releasewatch.config.AppConfig;
import dev.releasewatch.contract.AvroSerde;
import dev.releasewatch.feed.SectionClassifier;
import dev.releasewatch.feed.synth.FeedSettings;
import dev.releasewatch.feed.synth.Scenarios;
import dev.releasewatch.feed.synth.SyntheticFeed;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser (Debian's chromium through chromedriver; {@code -Pbrowser}): the demo's SPARKS
 * feed (seed 42, with nukes, June to 31 Aug 2020) goes through the monitor, then the page
 *
 * <ul>
 *   <li>shows the whole feed's daily totals of 19 and 26 Aug exactly as the counts topic has them (read here with
 *       read_committed);
 *   <li>shows GAMES' daily chart with the drop in the last week of August and its alert period marked;
 *   <li>accepts GAMES' new normal from its open incident (operator's name, confirmation), after which the RESOLVED
 *       alert is on the alerts topic and in the API, and the incident leaves the page.
 * </ul>
 *
 * Assertions read what the page exposes in its DOM (the data table's {@code data-*} attributes, the alert periods,
 * the incidents), not pixels. Screenshots go to {@code target/browser/}.
 */
@Tag("browser")
@Timeout(900)
class DashboardBrowserIT extends RealBrokerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SHOTS = Path.of("target", "browser");

    @Test
    void shouldShowTheGamesDropWithItsAlertAndAcceptTheNewNormalFromThePage() throws Exception {
        AppConfig config = config("browser-it")
                .set("metrics.port", "0")
                .set("metrics.bind", "127.0.0.1")
                .set("http.advertised-host", "127.0.0.1")
                .load();
        FeedSettings demo = Scenarios.byName(Scenarios.SPARKS_2020)
                .orElseThrow()
                .settings()
                .withSeed(42)
                .withNukes(0.015);
        FeedSettings settings = demo.withRange(demo.from(), LocalDate.of(2020, 8, 31));
        List<Alert> alerts = new CopyOnWriteArrayList<>();
        Files.createDirectories(SHOTS);
        try (MonitorRuntime runtime =
                MonitorRuntime.start(config, SectionClassifier.defaults(), List.of(alerts::add))) {
            ReplaySession.Result replay = ReplaySession.replay(
                    runtime, new SyntheticFeed(settings).iterator(), "browser-it", null, Duration.ofMinutes(10));
            assertThat(replay.completed()).isTrue();
            Map<String, Long> totals = dailyTotals(runtime, config.topics().counts());
            assertThat(alerts)
                    .as("GAMES fires in the last week of August")
                    .anyMatch(a -> isGames(a) && a.getState() == AlertState.FIRING);
            String base = "http://127.0.0.1:" + runtime.httpPort();
            awaitHistory(base, totals.size());

            WebDriver driver = chromium();
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
                driver.get(base + "/#scope=TOTAL&granularity=DAY");
                awaitChart(wait, driver, "*");
                assertThat(driver.findElement(By.id("chart")).getAttribute("data-windows"))
                        .as("one window per day of the feed")
                        .isEqualTo(String.valueOf(totals.size()));
                for (String day : List.of("2020-08-19", "2020-08-26")) {
                    String start = day + "T00:00:00Z";
                    assertThat(observed(driver, start))
                            .as("feed total of " + day + " on the page")
                            .isEqualTo(totals.get(start));
                }
                screenshot(driver, "dashboard-total.png");

                driver.get(base + "/#scope=CATEGORY&subject=GAMES&granularity=DAY");
                awaitChart(wait, driver, "GAMES");
                long before = observed(driver, "2020-08-19T00:00:00Z");
                double expectedAfter = expected(driver, "2020-08-27T00:00:00Z");
                long after = observed(driver, "2020-08-27T00:00:00Z");
                assertThat(after)
                        .as("GAMES on 27 Aug, expected ~" + expectedAfter + ", a week before " + before)
                        .isLessThan(Math.round(0.5 * expectedAfter))
                        .isLessThan(before / 2);
                List<WebElement> periods = driver.findElements(By.cssSelector("#periods li.alert-period"));
                assertThat(periods).as("GAMES' alert period is marked").anySatisfy(p -> {
                    assertThat(p.getAttribute("data-start")).isBetween("2020-08-22", "2020-08-31");
                    assertThat(p.getAttribute("data-severity")).isIn("INFO", "WARNING", "CRITICAL");
                });
                assertThat(driver.findElement(By.id("chart")).getAttribute("data-alert-periods"))
                        .isEqualTo(String.valueOf(periods.size()));
                screenshot(driver, "dashboard-games.png");

                By gamesIncident =
                        By.cssSelector("#incidents li.incident[data-scope='CATEGORY'][data-subject='GAMES']");
                WebElement incident = wait.until(ExpectedConditions.presenceOfElementLocated(gamesIncident));
                String alertId = incident.getAttribute("data-alert-id");
                incident.findElement(By.cssSelector("button.accept")).click();
                WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("accept-dialog")));
                dialog.findElement(By.id("operator")).sendKeys("carol");
                dialog.findElement(By.id("reason")).sendKeys("SPARKS is gone for good");
                screenshot(driver, "dashboard-accept.png");
                dialog.findElement(By.id("accept-confirm")).click();

                Alert resolved = awaitResolved(alerts, alertId);
                assertThat(resolved.getResolution()).isEqualTo("NEW_NORMAL_ACCEPTED");
                assertThat(resolved.getSummary()).contains("carol");
                JsonNode api = resolvedInApi(base, alertId);
                assertThat(api.path("resolution").asText()).isEqualTo("NEW_NORMAL_ACCEPTED");
                wait.withTimeout(Duration.ofSeconds(90))
                        .until(ExpectedConditions.numberOfElementsToBe(gamesIncident, 0));
                By period = By.cssSelector("#periods li.alert-period[data-alert-id='" + alertId + "']");
                wait.until(d -> !d.findElement(period).getAttribute("data-end").isEmpty());
                assertThat(driver.findElement(period).getText())
                        .as("the page shows GAMES' alert period ended by the decision")
                        .contains("NEW_NORMAL_ACCEPTED");
                ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
                screenshot(driver, "dashboard-accepted.png");
            } finally {
                driver.quit();
            }
        }
    }

    /** Chromium from Debian through its chromedriver, headless, as root, downloading nothing. */
    private static WebDriver chromium() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1366,900",
                "--user-data-dir=" + Files.createTempDirectory("browser-it-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static void awaitChart(WebDriverWait wait, WebDriver driver, String subject) {
        wait.until(d -> {
            WebElement chart = d.findElement(By.id("chart"));
            return "ready".equals(chart.getAttribute("data-state"))
                    && subject.equals(chart.getAttribute("data-subject"));
        });
        assertThat(Integer.parseInt(driver.findElement(By.id("chart")).getAttribute("data-windows")))
                .isGreaterThan(60);
    }

    /**
     * Waits until the history stores have read the whole counts topic: the replay waited for the topic, and the
     * history sub-topology reads it after that.
     */
    private static void awaitHistory(String base, int days) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI total = URI.create(base + "/api/counts?scope=TOTAL&subject=*&granularity=DAY");
        for (int i = 0; i < 1200; i++) {
            HttpResponse<String> r =
                    http.send(HttpRequest.newBuilder(total).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && JSON.readTree(r.body()).path("windows").size() == days) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the history stores did not catch up with the counts topic (" + days + " days)");
    }

    private static long observed(WebDriver driver, String start) {
        return Long.parseLong(row(driver, start).getAttribute("data-observed"));
    }

    private static double expected(WebDriver driver, String start) {
        return Double.parseDouble(row(driver, start).getAttribute("data-expected"));
    }

    private static WebElement row(WebDriver driver, String start) {
        return driver.findElement(By.cssSelector("#series-table tr[data-start='" + start + "']"));
    }

    private static void screenshot(WebDriver driver, String name) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static boolean isGames(Alert a) {
        return a.getScope() == Scope.CATEGORY && a.getSubject().equals("GAMES");
    }

    private static Alert awaitResolved(List<Alert> alerts, String alertId) throws InterruptedException {
        for (int i = 0; i < 900; i++) {
            for (Alert a : alerts) {
                if (a.getAlertId().equals(alertId) && a.getState() == AlertState.RESOLVED) {
                    return a;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no RESOLVED alert " + alertId + " on the alerts topic after accepting from the page");
    }

    private static JsonNode resolvedInApi(String base, String alertId) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 300; i++) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/alerts?scope=CATEGORY&subject=GAMES&state=RESOLVED"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                for (JsonNode a : JSON.readTree(r.body()).path("alerts")) {
                    if (a.path("alertId").asText().equals(alertId)) {
                        return a;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no RESOLVED alert " + alertId + " in /api/alerts");
    }

    /** Window start → the feed's daily total, from the counts topic (read_committed). */
    private static Map<String, Long> dailyTotals(MonitorRuntime runtime, String topic) throws IOException {
        AvroSerde<WindowCount> serde = AvroSerde.of(WindowCount.class);
        Map<String, Long> totals = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(runtime.clients().consumer("browser-it-check"))) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    WindowCount c = serde.decode(r.value());
                    if (c.getScope() == Scope.TOTAL && c.getGranularity() == Granularity.DAY) {
                        totals.put(c.getWindowStart().toString(), c.getCount());
                    }
                }
            }
        }
        assertThat(totals).containsKeys("2020-08-19T00:00:00Z", "2020-08-26T00:00:00Z");
        return totals;
    }
}
