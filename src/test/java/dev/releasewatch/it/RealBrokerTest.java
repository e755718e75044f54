package dev.releasewatch.it;

import java.io.IOException;
import java.nio.file.Files;

import dev.releasewatch.config.ConfigLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the integration tests: one real broker per test class ({@link TestBroker}: embedded KRaft by
 * default, Testcontainers with {@code -Dkafka.broker=container}), and a configuration whose topics,
 * application id and state directory belong to one test.
 */
abstract class RealBrokerTest {

    static TestBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = TestBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /** Configuration on the test broker with topics, application id and state directory named after {@code name}. */
    static ConfigLoader config(String name) throws IOException {
        return new ConfigLoader()
                .set("bootstrap.servers", broker.bootstrapServers())
                .set("application.id", name)
                .set("topic.input", name + "-in")
                .set("topic.counts", name + "-counts")
                .set("topic.alerts", name + "-alerts")
                .set("topic.dead-letters", name + "-dead")
                .set("topic.decisions", name + "-decisions")
                .set("state.dir", Files.createTempDirectory(name).toString())
                .set("metrics.port", "-1");
    }
}
