package dev.releasewatch.feed.name;

/** What a word of a release name was recognised as. */
enum TokenKind {
    RESOLUTION,
    SOURCE,
    CODEC,
    AUDIO,
    /** Colour depth, HDR, 3D and similar picture properties. */
    PICTURE,
    /** Cut or edition: EXTENDED, UNRATED, IMAX, ... */
    EDITION,
    /** Scene release flags: PROPER, REPACK, iNTERNAL, DIRFIX, ... */
    FLAG,
    LANGUAGE,
    SUBTITLES,
    /** Streaming service: AMZN, NF, HULU, ... */
    SERVICE,
    /** Container named inside the name: MP4, MKV. */
    CONTAINER,
    /** File size: 800MB, 1.46GB. */
    SIZE,
    /** Software version: v1.2.3. */
    VERSION,
    /** Game console or handheld. */
    PLATFORM,
    /** Operating system, crack or keygen markers of software. */
    SOFTWARE,
    EBOOK,
    AUDIOBOOK,
    /** Music formats and media: MP3, FLAC, CDM, VINYL, ... */
    MUSIC,
    XXX,
    ANIME,
    /** File extension at the very end: .mkv, .nzb, ... */
    EXTENSION,
    /** CRC in brackets, as anime fansubs add: [5DDC1352]. */
    CHECKSUM,
    /** Any other known technical word that is never part of a title. */
    MISC,
    /** A plausible release year. */
    YEAR,
    /** Part of a season/episode marker. */
    EPISODE,
    /** Part of an air date. */
    DATE
}
