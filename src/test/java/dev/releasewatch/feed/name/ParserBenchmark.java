package dev.releasewatch.feed.name;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Measures parser throughput (names per second, single thread). Not a test: run it with
 * {@code java -cp target/classes:target/test-classes dev.releasewatch.feed.name.ParserBenchmark [seconds]}.
 *
 * <p>The names are generated here from invented titles in the shapes a predb feed carries (movies, episodes,
 * daily shows, packs, music, apps), so the figure does not depend on the shared corpus. If the corpus is present,
 * its names are timed as a second, messier set.
 */
public final class ParserBenchmark {

    private static final String[] WORDS = {
        "Quiet", "Harbor", "Lantern", "Keepers", "Copper", "Valley", "Night", "Signal", "Paper", "Moon", "Riders",
        "The", "of", "and", "Last", "Winter", "Garden", "Iron", "Glass", "Tide"
    };
    private static final String[] QUALITY = {
        "720p.HDTV.x264",
        "1080p.WEB.h264",
        "1080p.WEB-DL.DDP5.1.H.264",
        "2160p.UHD.BluRay.x265",
        "1080p.BluRay.x264",
        "720p.WEBRip.x264",
        "DVDRip.XviD",
        "1080p.AMZN.WEB-DL.DDP5.1.H.264",
        "German.DL.1080p.BluRay.AVC.REMUX",
        "FRENCH.720p.BluRay.x264",
        "PROPER.1080p.WEB.h264"
    };
    private static final String[] GROUPS = {"GRP", "NOVA", "SPARKS-HD", "LOL", "KiNGS", "FLUX", "NTb", "x0r"};

    private ParserBenchmark() {}

    /**
     * @param args optional: seconds to measure (default 5)
     * @throws IOException if the corpus exists but cannot be read
     */
    public static void main(String[] args) throws IOException {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> generated = generate(10_000, new Random(1));
        ReleaseNameParser parser = new ReleaseNameParser();
        run("generated", parser, generated, seconds);
        Path corpus = SharedData.releaseNames().resolve("corpus.jsonl");
        if (Files.isRegularFile(corpus)) {
            List<String> names = new ArrayList<>();
            for (String line : Files.readAllLines(corpus, StandardCharsets.UTF_8)) {
                int at = line.indexOf("\"name\": \"");
                if (at >= 0) {
                    int from = at + 9;
                    names.add(line.substring(from, line.indexOf('"', from)));
                }
            }
            run("corpus", parser, names, seconds);
        }
    }

    private static void run(String label, ReleaseNameParser parser, List<String> names, int seconds) {
        long sink = 0;
        long warmUntil = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            for (String n : names) {
                sink += parser.parse(n).hashCode();
            }
        }
        long parsed = 0;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long now;
        do {
            for (String n : names) {
                sink += parser.parse(n).hashCode();
            }
            parsed += names.size();
            now = System.nanoTime();
        } while (now < end);
        double elapsed = (now - start) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        // CPU time excludes the time the thread waited for a core, which dominates wall time on a shared machine.
        System.out.printf(
                Locale.ROOT,
                "%-9s %,d names: wall %.1f s = %,.0f names/s (%.2f us/name); "
                        + "thread CPU %.1f s = %,.0f names/s (%.2f us/name) [sink %d]%n",
                label,
                parsed,
                elapsed,
                parsed / elapsed,
                1e6 * elapsed / parsed,
                cpu,
                parsed / cpu,
                1e6 * cpu / parsed,
                sink % 10);
    }

    private static List<String> generate(int count, Random random) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder title = new StringBuilder();
            int words = 1 + random.nextInt(4);
            for (int w = 0; w < words; w++) {
                title.append(w == 0 ? "" : ".").append(WORDS[random.nextInt(WORDS.length)]);
            }
            String quality = QUALITY[random.nextInt(QUALITY.length)];
            String group = GROUPS[random.nextInt(GROUPS.length)];
            String name = switch (random.nextInt(6)) {
                case 0, 1 ->
                    String.format(Locale.ROOT, "%s.%d.%s-%s", title, 1960 + random.nextInt(64), quality, group);
                case 2, 3 ->
                    String.format(
                            Locale.ROOT,
                            "%s.S%02dE%02d.%s-%s",
                            title,
                            1 + random.nextInt(20),
                            1 + random.nextInt(24),
                            quality,
                            group);
                case 4 ->
                    String.format(
                            Locale.ROOT,
                            "%s.2020.%02d.%02d.%s-%s",
                            title,
                            1 + random.nextInt(12),
                            1 + random.nextInt(28),
                            quality,
                            group);
                default ->
                    String.format(
                            Locale.ROOT,
                            "%s-%s-WEB-%d-%s",
                            title.toString().replace('.', '_'),
                            WORDS[random.nextInt(WORDS.length)],
                            2000 + random.nextInt(24),
                            group);
            };
            names.add(name);
        }
        return names;
    }
}
