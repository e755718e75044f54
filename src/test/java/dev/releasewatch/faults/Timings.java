package dev.releasewatch.faults;

/** Measured durations of the fault tests, printed to the failsafe report so docs/failure-modes.md can quote them. */
final class Timings {

    private Timings() {}

    /** Prints {@code FAULT-TIMING <test>: <what> in <ms> ms} since {@code startNanos}. */
    static void log(String test, String what, long startNanos) {
        System.out.printf("FAULT-TIMING %s: %s in %d ms%n", test, what, (System.nanoTime() - startNanos) / 1_000_000);
    }
}
