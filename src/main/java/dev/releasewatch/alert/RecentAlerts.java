package dev.releasewatch.alert;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import dev.releasewatch.avro.Alert;

/** The last alerts seen, for the HTTP API; bounded so a noisy week cannot exhaust memory. */
public final class RecentAlerts implements AlertListener {

    private final int capacity;
    private final Deque<Alert> alerts = new ArrayDeque<>();

    /** Keeps at most {@code capacity} alerts. */
    public RecentAlerts(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public synchronized void onAlert(Alert alert) {
        if (alerts.size() == capacity) {
            alerts.removeFirst();
        }
        alerts.addLast(alert);
    }

    /** The alerts kept, oldest first. */
    public synchronized List<Alert> snapshot() {
        return new ArrayList<>(alerts);
    }
}
