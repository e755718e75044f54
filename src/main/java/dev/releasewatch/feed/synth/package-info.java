/**
 * The synthetic release feed: one generator ({@link dev.releasewatch.feed.synth.SyntheticFeed}) shared by the demo,
 * the {@code generate} command and the tests, and the scenario suite with ground truth
 * ({@link dev.releasewatch.feed.synth.Scenarios}).
 *
 * <p>The model, in one paragraph: every (section, group) pair is a cell with a base weight (group productivity is
 * Zipf-like inside a section). A day's normal total is a level times a weekday factor times over-dispersed noise; it
 * is spread over the hours by per-section hour-of-day profiles. {@link dev.releasewatch.feed.synth.FeedEffect}s then
 * scale cells, sections, groups or the whole feed over time, pin day or week totals to published figures, or add
 * sections. Events are drawn hour by hour from the resulting weights, named in the style of their section, and emitted
 * in time order.
 */
package dev.releasewatch.feed.synth;
