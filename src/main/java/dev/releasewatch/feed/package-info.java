/**
 * Reading release feeds into {@link dev.releasewatch.avro.ReleaseAnnouncement}s and the feed-level vocabulary
 * (categories, group names).
 *
 * <p>Everything here is plain Java with no Kafka types: producers, the replay path and tests all read feeds through
 * {@link dev.releasewatch.feed.FeedFileReader}, and the topology normalises sections through
 * {@link dev.releasewatch.feed.Categories}. The synthetic feed lives in {@code feed.synth}.
 */
package dev.releasewatch.feed;
