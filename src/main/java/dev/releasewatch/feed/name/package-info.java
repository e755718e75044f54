/**
 * Parsing of scene and P2P release names ("predb" names) into their parts: group, type, title, year,
 * season/episode or air date, quality (resolution, source, codec), languages and flags, and the category
 * the release is counted under.
 *
 * <p>The entry point is {@link dev.releasewatch.feed.name.ReleaseNameParser}; everything else in the package is
 * package-private machinery. The parser is a token classifier over a fixed vocabulary rather than one large
 * regular expression, so its cost stays linear in the length of the name and no input can make it backtrack.
 */
package dev.releasewatch.feed.name;
