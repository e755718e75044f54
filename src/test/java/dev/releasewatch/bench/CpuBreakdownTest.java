package dev.releasewatch.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLongArray;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class CpuBreakdownTest {

    private static final long BURN_NANOS = 200_000_000L;

    @Test
    void shouldTellTheApplicationsStreamThreadsFromItsClientsAndFromAnotherApplication() throws InterruptedException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeThat(mx.isThreadCpuTimeSupported() && mx.isThreadCpuTimeEnabled())
                .as("this JVM measures thread CPU time")
                .isTrue();
        CpuBreakdown breakdown = CpuBreakdown.start("app");
        CountDownLatch burnt = new CountDownLatch(3);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLongArray used = new AtomicLongArray(3);
        Thread stream = burnThenWait(mx, "app-1234-StreamThread-1", used, 0, burnt, release);
        Thread other = burnThenWait(mx, "other-app-1234-StreamThread-1", used, 1, burnt, release);
        Thread client = burnThenWait(
                mx, "kafka-producer-network-thread | app-1234-StreamThread-1-producer", used, 2, burnt, release);
        burnt.await();

        Map<String, Double> seconds = breakdown.seconds();
        release.countDown();
        stream.join();
        other.join();
        client.join();

        assertThat(seconds.get(CpuBreakdown.STREAM)).isBetween(used.get(0) / 1e9, (used.get(0) + BURN_NANOS) / 1e9);
        assertThat(seconds.get(CpuBreakdown.REST)).isGreaterThanOrEqualTo(used.get(1) / 1e9);
        assertThat(seconds.get(CpuBreakdown.CLIENTS)).isBetween(used.get(2) / 1e9, (used.get(2) + BURN_NANOS) / 1e9);
    }

    private static Thread burnThenWait(
            ThreadMXBean mx,
            String name,
            AtomicLongArray used,
            int slot,
            CountDownLatch burnt,
            CountDownLatch release) {
        Thread t = new Thread(
                () -> {
                    used.set(slot, burn(mx));
                    burnt.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                name);
        t.start();
        return t;
    }

    /** Spins until this thread has used {@link #BURN_NANOS} of CPU; returns its CPU time. */
    private static long burn(ThreadMXBean mx) {
        long x = 0;
        while (mx.getCurrentThreadCpuTime() < BURN_NANOS) {
            for (int i = 0; i < 100_000; i++) {
                x += i * 31L ^ x;
            }
        }
        return mx.getCurrentThreadCpuTime() + (x == 42 ? 1 : 0);
    }
}
