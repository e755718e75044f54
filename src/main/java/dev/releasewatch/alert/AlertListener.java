package dev.releasewatch.alert;

import dev.releasewatch.avro.Alert;

/** Receives alerts read back from the alerts topic. */
@FunctionalInterface
public interface AlertListener {

    /** Called once per alert record, in topic order per partition. */
    void onAlert(Alert alert);
}
