package dev.releasewatch.feed.synth;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A multiplier that changes over time: piecewise linear between points, 1 before the first point, and holding the
 * last point's value after it. Two points at the same instant make a step (the later one wins from that instant on),
 * so a curve can express "normal until Tuesday 10:00, then 40%".
 *
 * <p>The generator evaluates curves at the middle of each hour, so steps belong on hour boundaries.
 *
 * @param points the points in non-decreasing time order; factors must be &gt;= 0
 */
public record FactorCurve(List<Point> points) {

    /** A curve with no points: 1 at all times. */
    public static final FactorCurve ONE = new FactorCurve(List.of());

    /** Checks order and values. */
    public FactorCurve {
        points = List.copyOf(points);
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).factor() < 0 || !Double.isFinite(points.get(i).factor())) {
                throw new IllegalArgumentException("factor must be finite and >= 0: " + points.get(i));
            }
            if (i > 0 && points.get(i).time().isBefore(points.get(i - 1).time())) {
                throw new IllegalArgumentException("points out of order at " + points.get(i));
            }
        }
    }

    /**
     * A point of the curve.
     *
     * @param time   when
     * @param factor the multiplier at that instant
     */
    public record Point(Instant time, double factor) {}

    /**
     * Starts a curve description.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The curve's value at an instant.
     *
     * @param time the instant
     * @return the multiplier
     */
    public double at(final Instant time) {
        if (points.isEmpty() || time.isBefore(points.get(0).time())) {
            return 1.0;
        }
        int last = 0;
        while (last + 1 < points.size() && !points.get(last + 1).time().isAfter(time)) {
            last++;
        }
        if (last + 1 == points.size()) {
            return points.get(last).factor();
        }
        final Point a = points.get(last);
        final Point b = points.get(last + 1);
        final double span = b.time().toEpochMilli() - a.time().toEpochMilli();
        final double fraction = (time.toEpochMilli() - a.time().toEpochMilli()) / span;
        return a.factor() + (b.factor() - a.factor()) * fraction;
    }

    /** Builds a curve from steps and ramps in time order. */
    public static final class Builder {
        private final List<Point> points = new ArrayList<>();

        private Builder() {}

        /**
         * The value jumps to {@code factor} at {@code time} (from whatever it was).
         *
         * @param time   when
         * @param factor the new value
         * @return this
         */
        public Builder stepAt(final Instant time, final double factor) {
            points.add(new Point(time, currentValue()));
            points.add(new Point(time, factor));
            return this;
        }

        /**
         * The value jumps to {@code factor} at midnight UTC starting {@code day}.
         *
         * @param day    the day
         * @param factor the new value
         * @return this
         */
        public Builder stepAt(final LocalDate day, final double factor) {
            return stepAt(day.atStartOfDay(ZoneOffset.UTC).toInstant(), factor);
        }

        /**
         * The value moves linearly from its current value to {@code factor}, reaching it at {@code time}.
         *
         * @param time   when the value is reached
         * @param factor the value
         * @return this
         */
        public Builder rampTo(final Instant time, final double factor) {
            if (points.isEmpty()) {
                throw new IllegalStateException("a ramp needs a start: begin with stepAt or holdFrom");
            }
            points.add(new Point(time, factor));
            return this;
        }

        /**
         * The value is {@code factor} from {@code time} and ramps begin there (no jump if it already was).
         *
         * @param time   when
         * @param factor the value
         * @return this
         */
        public Builder holdFrom(final Instant time, final double factor) {
            points.add(new Point(time, factor));
            return this;
        }

        /** @return the curve */
        public FactorCurve build() {
            return new FactorCurve(points);
        }

        private double currentValue() {
            return points.isEmpty() ? 1.0 : points.get(points.size() - 1).factor();
        }
    }
}
