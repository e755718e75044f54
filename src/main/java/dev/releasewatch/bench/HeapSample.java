package dev.releasewatch.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The heap in use after full collections: the difference of two samples, with and without a component running, is
 * what the component holds. Cheap and store-agnostic, which is why {@code bench} reports heap bytes per remembered
 * release this way rather than by walking the de-dup store; it is an upper bound for the store, since the monitor's
 * other state and buffers count too.
 *
 * @param bytes heap bytes in use
 */
public record HeapSample(long bytes) {

    private static final int COLLECTIONS = 3;

    /** Samples the heap after a few requested full collections. */
    public static HeapSample afterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < COLLECTIONS; i++) {
            memory.gc();
        }
        return new HeapSample(memory.getHeapMemoryUsage().getUsed());
    }

    /** Bytes per item of what this sample holds beyond {@code without}, over {@code items} items. */
    public long perItemOver(HeapSample without, long items) {
        return (bytes - without.bytes) / Math.max(1, items);
    }
}
