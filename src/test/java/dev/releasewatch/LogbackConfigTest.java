package dev.releasewatch;

import java.net.URL;
import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped {@code logback.xml}, loaded into a private logger context: dated text lines by default, JSON lines with
 * {@code RELEASE_WATCH_LOG_FORMAT=json}, and Kafka's client warnings (NetworkClient included) on the console.
 */
class LogbackConfigTest {

    private static LoggerContext configured(String format) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        if (format != null) {
            context.putProperty("RELEASE_WATCH_LOG_FORMAT", format);
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        URL xml = LogbackConfigTest.class.getResource("/logback.xml");
        configurator.doConfigure(xml);
        // a WARN or an ERROR makes logback print its whole configuration status before every command
        assertThat(new StatusUtil(context).getHighestLevel(0))
                .as("highest configuration status")
                .isLessThan(Status.WARN);
        return context;
    }

    private static String encode(LoggerContext context, String appender, Logger logger, String message) {
        @SuppressWarnings("unchecked")
        OutputStreamAppender<ILoggingEvent> a = (OutputStreamAppender<ILoggingEvent>)
                context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(appender);
        assertThat(a).as("root logs through the %s appender", appender).isNotNull();
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, message, null, null);
        return new String(a.getEncoder().encode(event), StandardCharsets.UTF_8);
    }

    @Test
    void textLinesCarryADateAndTime() throws Exception {
        LoggerContext context = configured(null);
        String line = encode(context, "text", context.getLogger("dev.releasewatch.X"), "hello");
        assertThat(line).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z WARN  X - hello\\R");
        context.stop();
    }

    @Test
    void jsonIsChosenByTheVariableAndIsOneObjectPerLine() throws Exception {
        LoggerContext context = configured("json");
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("text"))
                .isNull();
        String line = encode(context, "json", context.getLogger("dev.releasewatch.X"), "a \"quoted\" word");
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("loggerName").asText()).isEqualTo("dev.releasewatch.X");
        assertThat(json.get("formattedMessage").asText()).isEqualTo("a \"quoted\" word");
        assertThat(json.get("timestamp").asLong()).isPositive();
        context.stop();
    }

    @Test
    void kafkaClientWarningsReachTheConsoleAndOnlyBrokerLoggersGoToTheBrokerFile() throws Exception {
        LoggerContext context = configured(null);
        Logger network = context.getLogger("org.apache.kafka.clients.NetworkClient");
        assertThat(network.isEnabledFor(Level.WARN)).isTrue();
        assertThat(network.isAdditive()).isTrue();
        assertThat(context.getLogger("org.apache.kafka.clients.producer.KafkaProducer")
                        .isEnabledFor(Level.WARN))
                .isTrue();
        assertThat(context.getLogger("org.apache.kafka.streams.StreamsConfig").isEnabledFor(Level.WARN))
                .isTrue();
        Logger controller = context.getLogger("org.apache.kafka.controller");
        assertThat(controller.isAdditive())
                .as("broker-side: not on the console")
                .isFalse();
        assertThat(controller.getAppender("BROKER_FILE")).isNotNull();
        context.stop();
    }
}
