package dev.releasewatch.produce;

import java.io.PrintStream;
import java.util.function.DoubleSupplier;

/**
 * Reports progress of a long publish on the terminal: records, records/s, percentage and ETA when the
 * fraction done is known (e.g. bytes read of a file), at most once a second, on one rewritten line.
 */
public final class ProgressReporter {

    private final PrintStream out;
    private final DoubleSupplier fractionDone;
    private final long startNanos = System.nanoTime();
    private long lastPrintNanos = startNanos;
    private boolean printed;

    /**
     * @param out          where to print (stderr, so stdout stays clean for data)
     * @param fractionDone fraction in [0,1] of the input consumed, or NaN when unknown
     */
    public ProgressReporter(PrintStream out, DoubleSupplier fractionDone) {
        this.out = out;
        this.fractionDone = fractionDone;
    }

    /** Called with the number of records published so far. */
    public void update(long records) {
        long now = System.nanoTime();
        if (now - lastPrintNanos < 1_000_000_000L) {
            return;
        }
        lastPrintNanos = now;
        printed = true;
        out.print("\r" + line(records, now));
        out.flush();
    }

    /** Ends the progress line, printing a final figure if anything was printed. */
    public void finish(long records) {
        if (printed) {
            out.println("\r" + line(records, System.nanoTime()));
        }
    }

    private String line(long records, long now) {
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        double rate = records / seconds;
        double f = fractionDone.getAsDouble();
        String base = String.format("published %,d records, %,.0f rec/s", records, rate);
        if (Double.isNaN(f) || f <= 0) {
            return base;
        }
        double eta = seconds * (1 - f) / f;
        return base + String.format(", %.0f%%, ETA %.0f s   ", Math.min(100, f * 100), eta);
    }
}
