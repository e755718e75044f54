/**
 * The HTTP ingest endpoint: producers that are not on the JVM POST release announcements (a JSON array or JSON
 * Lines) and learn, in the answer, how many were accepted and durably stored in Kafka and why the others were
 * rejected.
 */
package dev.releasewatch.produce.ingest;
