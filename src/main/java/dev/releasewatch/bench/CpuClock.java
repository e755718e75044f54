package dev.releasewatch.bench;

import java.lang.management.ManagementFactory;

import com.sun.management.OperatingSystemMXBean;

/**
 * CPU time used by this whole process (every thread: the stream threads, the embedded broker, the JIT compilers, the
 * garbage collector). The wall-clock rates of {@code bench} move by up to 2x with whatever else runs on the machine;
 * the CPU a run costs moves far less, so {@code bench} reports it beside them, and the ratio of two runs' CPU seconds
 * in one process is a fairer comparison on a shared machine than the ratio of their wall-clock seconds.
 */
public final class CpuClock {

    private final OperatingSystemMXBean os;
    private final long start;

    private CpuClock(OperatingSystemMXBean os) {
        this.os = os;
        this.start = os.getProcessCpuTime();
    }

    /** Starts counting now; {@code null} on a JVM that does not report process CPU time. */
    public static CpuClock startIfSupported() {
        OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
        return os != null && os.getProcessCpuTime() >= 0 ? new CpuClock(os) : null;
    }

    /** CPU seconds used by the process since this clock started. */
    public double seconds() {
        return (os.getProcessCpuTime() - start) / 1e9;
    }
}
