package dev.releasewatch.kafka;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import dev.releasewatch.config.ClientProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the monitor can reach its Kafka cluster: a daemon thread asks the cluster to describe itself every
 * {@link #EVERY} and remembers when a broker last answered.
 *
 * <p>Why a probe of its own: while the brokers are unreachable, Kafka Streams stays RUNNING and its clients retry
 * quietly (that is what lets the monitor recover by itself after a network cut), so the Streams state alone says
 * "healthy" during an outage of any length. Any answer counts as contact, an authorization error included: only a
 * request that failed in a way worth retrying (timed out, disconnected: no broker answered within {@link #EVERY}) is
 * the absence of contact.
 */
public final class BrokerContact implements AutoCloseable {

    /** How often the cluster is asked, and how long one request may take. */
    public static final Duration EVERY = Duration.ofSeconds(5);
    /** Without an answer for this long the cluster counts as unreachable (three missed probes). */
    public static final Duration UNREACHABLE_AFTER = Duration.ofSeconds(15);

    private static final Logger LOGGER = LoggerFactory.getLogger(BrokerContact.class);

    private final Admin admin;
    private final LongSupplier nanoClock;
    private final Thread thread;
    private volatile long lastContactNanos;
    private volatile boolean running = true;

    private BrokerContact(Admin admin, LongSupplier nanoClock) {
        this.admin = admin;
        this.nanoClock = nanoClock;
        this.lastContactNanos = nanoClock.getAsLong();
        this.thread = new Thread(this::loop, "broker-contact");
        this.thread.setDaemon(true);
    }

    /** Starts probing the cluster of {@code clients}. */
    public static BrokerContact start(ClientProperties clients) {
        BrokerContact contact = new BrokerContact(Admin.create(clients.admin()), System::nanoTime);
        contact.thread.start();
        return contact;
    }

    /** Seconds since a broker last answered (since the start when none has yet). */
    public long secondsWithoutContact() {
        return TimeUnit.NANOSECONDS.toSeconds(nanoClock.getAsLong() - lastContactNanos);
    }

    /** Why the cluster counts as unreachable, or null while a broker answered within {@link #UNREACHABLE_AFTER}. */
    public String unreachableReason() {
        long seconds = secondsWithoutContact();
        return seconds >= UNREACHABLE_AFTER.toSeconds() ? "no broker reachable for " + seconds + " s" : null;
    }

    private void loop() {
        boolean reported = false;
        while (running) {
            long asked = nanoClock.getAsLong();
            if (probe()) {
                lastContactNanos = asked;
                if (reported) {
                    LOGGER.info("Kafka cluster reachable again");
                    reported = false;
                }
            } else if (!reported && unreachableReason() != null) {
                LOGGER.warn("Kafka cluster unreachable: {} (the clients keep retrying)", unreachableReason());
                reported = true;
            }
            long rest = EVERY.toNanos() - (nanoClock.getAsLong() - asked);
            if (rest > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(rest);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** True when a broker answered, whatever it said. */
    private boolean probe() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) EVERY.toMillis()))
                    .nodes()
                    .get();
            return true;
        } catch (ExecutionException e) {
            return !(e.getCause() instanceof RetriableException);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        admin.close(Duration.ofSeconds(2));
    }
}
