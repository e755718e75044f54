/**
 * The poller for predb-style JSON APIs: fetches a URL at an interval, maps the items to release announcements,
 * publishes the new ones and keeps its cursor in a compacted Kafka topic, written in the same transaction as the
 * releases it covers, so a restart neither loses nor repeats a release.
 */
package dev.releasewatch.produce.poll;
