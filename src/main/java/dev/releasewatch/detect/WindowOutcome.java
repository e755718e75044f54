package dev.releasewatch.detect;

import java.util.List;

import dev.releasewatch.avro.Alert;
import dev.releasewatch.avro.WindowCount;

/**
 * What the detection engine made of one closed window.
 *
 * @param counts the final count of every subject the engine knows for that window, zeros included, each
 *               with the baseline it expected when it has one
 * @param alerts the alert state changes the window caused (FIRING, RESOLVED), in the order they happened
 */
public record WindowOutcome(List<WindowCount> counts, List<Alert> alerts) {}
