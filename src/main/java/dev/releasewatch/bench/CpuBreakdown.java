package dev.releasewatch.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The CPU seconds of this process over an interval, by kind of thread: the stream threads of one Streams application
 * (the serial path every record takes), the network threads of its clients, the JIT compilers, the garbage collector
 * and the JVM's own thread, and the rest (the embedded broker, the bench's readers). On a 2-core machine they all
 * compete for the same cores, so a run's wall time says little about which of them to make cheaper; this does.
 *
 * <p>Java threads are measured through {@link ThreadMXBean}, by their full names; the JIT and GC threads are not Java
 * threads and are read from {@code /proc/self/task} (Linux; elsewhere they are left out and said to be). A thread that
 * ends within the interval takes its time with it, so the breakdown is taken before the application closes.
 */
public final class CpuBreakdown {

    static final String STREAM = "stream threads";
    static final String CLIENTS = "their clients' network threads";
    static final String REST = "broker and the rest";
    static final String JIT = "JIT compilers";
    static final String GC = "GC and VM";

    private static final Path TASKS = Path.of("/proc/self/task");
    /** {@code /proc}'s clock ticks (USER_HZ): 100 a second in the kernel's user-space ABI. */
    private static final double TICKS_PER_SECOND = 100;

    private final String applicationId;
    private final String applicationPrefix;
    private final Map<Long, Long> javaStart;
    private final Map<String, NativeThread> nativeStart;

    private CpuBreakdown(String applicationId) {
        this.applicationId = applicationId;
        this.applicationPrefix = applicationId + "-";
        this.javaStart = javaThreads();
        this.nativeStart = nativeThreads();
    }

    /** Starts measuring now for the application {@code applicationId}. */
    public static CpuBreakdown start(String applicationId) {
        return new CpuBreakdown(applicationId);
    }

    /** The seconds of each kind, in a fixed order; a kind not measurable here is absent. */
    public Map<String, Double> seconds() {
        Map<String, Double> out = new LinkedHashMap<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled()) {
            out.put(STREAM, 0.0);
            out.put(CLIENTS, 0.0);
            out.put(REST, 0.0);
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                if (nanos < 0) {
                    continue;
                }
                long since = nanos - javaStart.getOrDefault(info.getThreadId(), 0L);
                out.merge(kindOf(info.getThreadName()), since / 1e9, Double::sum);
            }
        }
        Map<String, NativeThread> now = nativeThreads();
        if (!now.isEmpty()) {
            out.put(JIT, 0.0);
            out.put(GC, 0.0);
            now.forEach((tid, t) -> {
                NativeThread before = nativeStart.get(tid);
                long since = t.ticks() - (before == null ? 0 : before.ticks());
                out.merge(t.kind(), since / TICKS_PER_SECOND, Double::sum);
            });
        }
        return out;
    }

    /** One line: {@code stream threads 13.0 s, its clients' network threads 1.2 s, …}. */
    public String describe() {
        StringJoiner line = new StringJoiner(", ");
        Map<String, Double> seconds = seconds();
        seconds.forEach((kind, s) -> line.add(String.format(Locale.ROOT, "%s %.1f s", kind, s)));
        if (!seconds.containsKey(JIT)) {
            line.add("JIT and GC not measured on this platform");
        }
        return line.toString();
    }

    /**
     * The kind of a Java thread by its name: Streams names its threads {@code <application id>-<uuid>-StreamThread-N},
     * and the Kafka clients their network threads {@code <kind> | <client or group id>}, where the ids of an
     * application's clients are its id or start with it and a hyphen.
     */
    private String kindOf(String name) {
        if (name.startsWith(applicationPrefix) && name.contains("-StreamThread-")) {
            return STREAM;
        }
        int at = name.indexOf("| " + applicationId);
        int end = at + 2 + applicationId.length();
        return at >= 0 && (end == name.length() || name.charAt(end) == '-') ? CLIENTS : REST;
    }

    private static Map<Long, Long> javaThreads() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> start = new HashMap<>();
        if (threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled()) {
            for (long id : threads.getAllThreadIds()) {
                long nanos = threads.getThreadCpuTime(id);
                if (nanos >= 0) {
                    start.put(id, nanos);
                }
            }
        }
        return start;
    }

    /** A JIT or GC thread's kind and CPU ticks so far. */
    private record NativeThread(String kind, long ticks) {}

    /**
     * The JIT and GC threads by thread id; empty where {@code /proc/self/task} is not there. The kernel keeps only the
     * first 15 characters of a thread's name, which is enough for HotSpot's own.
     */
    private static Map<String, NativeThread> nativeThreads() {
        Map<String, NativeThread> ticks = new HashMap<>();
        if (!Files.isDirectory(TASKS)) {
            return ticks;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                } catch (IOException ended) {
                    continue;
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                if (open < 0 || close < open) {
                    continue;
                }
                String comm = stat.substring(open + 1, close);
                String kind = comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")
                        ? JIT
                        : comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.equals("VM Thread")
                                ? GC
                                : null;
                if (kind == null) {
                    continue;
                }
                // after the name: state, then 10 fields, then utime and stime (fields 14 and 15 of stat(5))
                String[] fields = stat.substring(close + 2).split(" ");
                ticks.put(
                        task.getFileName().toString(),
                        new NativeThread(kind, Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
            }
        } catch (IOException e) {
            return Map.of();
        }
        return ticks;
    }
}
