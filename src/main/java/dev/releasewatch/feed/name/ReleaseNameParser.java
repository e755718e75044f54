package dev.releasewatch.feed.name;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses scene and P2P release names into a {@link ParsedRelease}.
 *
 * <pre>{@code
 * ParsedRelease r = new ReleaseNameParser().parse("Show.Name.S01E02.720p.WEB.h264-GRP", "TV-X264");
 * r.group();      // GRP
 * r.season();     // 1
 * r.category();   // TV, from the section
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; one can be shared by all stream threads. {@code parse} never throws:
 * {@code null}, empty, garbage and over-long input give a result of type {@link ReleaseType#OTHER} without a group.
 * Names longer than {@value #MAX_NAME_LENGTH} characters are not parsed at all: predb names are limited to 255
 * characters, so anything longer is not a release name, and refusing it keeps the cost per record bounded.
 */
public final class ReleaseNameParser {

    /** Longest name that is parsed; longer input is returned unparsed. */
    public static final int MAX_NAME_LENGTH = 512;

    private static final Set<String> FLAG_PICTURES =
            Set.of("HDR", "DV", "3D", "SDR", "HFR", "10BIT", "12BIT", "UPSCALE");
    private static final int MIN_YEAR = 1920;
    private static final int MAX_YEAR = 2039;

    /** Creates a parser; the vocabulary is loaded once per class, not per instance. */
    public ReleaseNameParser() {}

    /**
     * Parses a name without a section; the category is inferred from the name.
     *
     * @param name the release name, may be {@code null}
     * @return the parsed release, never {@code null}
     */
    public ParsedRelease parse(String name) {
        return parse(name, null);
    }

    /**
     * Parses a name announced in a feed section.
     *
     * @param name    the release name, may be {@code null}
     * @param section the feed's section ({@code TV-X264}, {@code mp3}, {@code PRE}), or {@code null}; a specific
     *                section decides the category, a generic or unknown one is ignored
     * @return the parsed release, never {@code null}
     */
    public ParsedRelease parse(String name, String section) {
        Category fromSection;
        try {
            fromSection = SectionCategories.lookup(section);
        } catch (RuntimeException e) {
            fromSection = null;
        }
        try {
            return parseUnchecked(name, fromSection);
        } catch (RuntimeException e) {
            // A parser bug must cost one record its details, never the stream thread.
            return unparsed(name, fromSection);
        }
    }

    private static ParsedRelease unparsed(String name, Category fromSection) {
        return fromSection == null
                ? ParsedRelease.unparsed(name, Category.OTHER, CategorySource.NAME)
                : ParsedRelease.unparsed(name, fromSection, CategorySource.SECTION);
    }

    /** The parse without the safety net, so tests see the exceptions {@link #parse} would swallow. */
    static ParsedRelease parseUnchecked(String name, Category fromSection) {
        if (name == null || name.length() > MAX_NAME_LENGTH) {
            return unparsed(name, fromSection);
        }
        String s = name.strip();
        List<Token> tokens = s.isEmpty() ? List.of() : Tokenizer.tokenize(s);
        if (tokens.isEmpty() || !hasLetter(s)) {
            return unparsed(name, fromSection);
        }
        TokenizedName tn = new TokenizedName(s, tokens);
        TokenClassifier.classify(tn);
        GroupExtractor.Leading leading = GroupExtractor.leading(tn);
        int first = leading.firstWord();
        LocalDate date = DateMarker.find(tn, first);
        EpisodeMarker.Span marker = EpisodeMarker.find(tn, first);
        tagYears(tn, first);
        if (marker == null && date == null) {
            date = DateMarker.findCompact(tn, first, tn.count);
        }

        String trailingGroup = GroupExtractor.trailing(tn, first);
        String group = trailingGroup;
        if (group == null) {
            group = GroupExtractor.lowercasePrefix(tn, first);
            if (group != null) {
                first++;
            }
        }
        if (group == null) {
            group = leading.group();
        }
        boolean fansubStyle = leading.group() != null && trailingGroup == null;

        ContentClassifier.Content content = ContentClassifier.detect(tn, first);
        TitleLocator.Mode mode = mode(content, s);
        if (mode == TitleLocator.Mode.MUSIC) {
            String segment = GroupExtractor.lastSegment(tn);
            group = segment != null ? segment : group;
        }
        TitleLocator.Result title =
                TitleLocator.locate(tn, first, mode, marker != null || date != null, leading.group() != null);
        if (content == ContentClassifier.Content.EBOOK || content == ContentClassifier.Content.AUDIOBOOK) {
            TitleLocator.Result after = TitleLocator.afterAuthor(tn, title, mode);
            if (after != null) {
                title = after;
            }
        }
        if (trailingGroup != null && title.end() > title.start() + 1) {
            // Game.Title-GRP: the title never runs into the group
            int groupAt = s.lastIndexOf(trailingGroup);
            for (int i = title.start() + 1; i < title.end(); i++) {
                if (tn.token(i).start() >= groupAt && tn.token(i).hyphenJoined()) {
                    title = new TitleLocator.Result(title.start(), i, title.year(), title.bareEpisode());
                    break;
                }
            }
        }
        int categoryStart = title.start();
        if (date != null && mode == TitleLocator.Mode.MEDIA) {
            TitleLocator.Result event = TitleLocator.afterLeagueDate(tn, title);
            if (event != null) {
                title = event;
            }
        }
        if (group == null) {
            group = GroupExtractor.bracketed(tn, title.end());
        }

        List<Integer> seasons = List.of();
        List<Integer> episodes = List.of();
        EpisodeMarker.Span span = marker != null ? marker : title.bareEpisode();
        if (span != null) {
            seasons = span.seasons();
            episodes = span.episodes();
        }
        Integer year = title.year();
        if (year == null && date != null) {
            year = date.getYear();
        }

        int groupStart = trailingGroup == null ? s.length() : Math.max(s.lastIndexOf(trailingGroup), 0);
        if (groupStart < (title.end() < tn.count ? tn.token(title.end()).start() : s.length())) {
            groupStart = s.length();
        }
        Quality quality = Quality.of(tn, title.start(), title.end(), groupStart);

        ReleaseType type = type(content, span != null || date != null, quality.videoEvidence() || year != null);
        Category category;
        CategorySource categorySource;
        if (fromSection != null) {
            category = fromSection;
            categorySource = CategorySource.SECTION;
            if (type == ReleaseType.OTHER) {
                type = CategoryInference.typeOf(fromSection);
            }
        } else {
            category = CategoryInference.infer(tn, type, content, categoryStart, fansubStyle);
            categorySource = CategorySource.NAME;
        }
        String titleText = TitleLocator.text(tn, title.start(), title.end());
        return new ParsedRelease(
                name,
                group,
                type,
                titleText,
                year,
                seasons,
                episodes,
                date,
                quality.resolution(),
                quality.source(),
                quality.codec(),
                quality.languages(),
                quality.flags(),
                category,
                categorySource);
    }

    private static TitleLocator.Mode mode(ContentClassifier.Content content, String s) {
        if (content == null) {
            return TitleLocator.Mode.MEDIA;
        }
        return switch (content) {
            case GAME, SOFTWARE -> TitleLocator.Mode.PRODUCT;
            // Artist_Name-Title-WEB-2023-GRP and Artist-Title-WEB-2023-GRP; dotted names use the media rules.
            case MUSIC, MUSIC_VIDEO, AUDIOBOOK ->
                s.indexOf('_') >= 0 || s.indexOf('.') < 0 ? TitleLocator.Mode.MUSIC : TitleLocator.Mode.MEDIA;
            case EBOOK -> TitleLocator.Mode.MEDIA;
        };
    }

    private static ReleaseType type(ContentClassifier.Content content, boolean episodic, boolean video) {
        if (content != null) {
            return switch (content) {
                case MUSIC, MUSIC_VIDEO -> ReleaseType.MUSIC;
                case EBOOK, AUDIOBOOK -> ReleaseType.EBOOK;
                case GAME -> ReleaseType.GAME;
                case SOFTWARE -> ReleaseType.SOFTWARE;
            };
        }
        if (episodic) {
            return ReleaseType.EPISODE;
        }
        return video ? ReleaseType.MOVIE : ReleaseType.OTHER;
    }

    /** Tags plausible release years that no other stage claimed. */
    private static void tagYears(TokenizedName tn, int first) {
        for (int i = first; i < tn.count; i++) {
            Token t = tn.token(i);
            if (tn.tags[i] == null && t.text().length() == 4 && t.isNumber()) {
                int y = t.number();
                if (y >= MIN_YEAR && y <= MAX_YEAR) {
                    tn.tags[i] = Tag.strong(TokenKind.YEAR, t.text());
                }
            }
        }
    }

    private static boolean hasLetter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetterOrDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Resolution, source, codec, languages and flags read from the words outside the title and the group.
     *
     * @param resolution    normalised resolution or {@code null}
     * @param source        normalised source or {@code null}
     * @param codec         normalised codec or {@code null}
     * @param languages     languages in order of appearance, without duplicates
     * @param flags         flags in order of appearance, without duplicates
     * @param videoEvidence whether any word marks the name as a video release
     */
    private record Quality(
            String resolution,
            String source,
            String codec,
            List<String> languages,
            List<String> flags,
            boolean videoEvidence) {

        static Quality of(TokenizedName tn, int titleStart, int titleEnd, int groupStart) {
            String resolution = null;
            boolean nominalResolution = false; // from "4K": an explicit 1080p elsewhere wins (4K.BluRay.Remux.1080p)
            String strongSource = null;
            String weakSource = null;
            String codec = null;
            boolean uhd = false;
            boolean remux = false;
            boolean video = false;
            List<String> languages = new ArrayList<>(2);
            List<String> flags = new ArrayList<>(2);
            for (int i = 0; i < tn.count; i++) {
                if (i >= titleStart && i < titleEnd || tn.token(i).start() >= groupStart) {
                    continue;
                }
                Tag tag = tn.tags[i];
                if (tag == null || tag.weak() && !neighbourTagged(tn, i)) {
                    continue;
                }
                video |= !tag.weak() && isVideoKind(tag.kind());
                switch (tag.kind()) {
                    case RESOLUTION -> {
                        boolean nominal = tn.lower(i).endsWith("k");
                        if (resolution == null || nominalResolution && !nominal) {
                            resolution = tag.value();
                            nominalResolution = nominal;
                        }
                    }
                    case SOURCE -> {
                        if (tag.weak()) {
                            weakSource = weakSource == null ? tag.value() : weakSource;
                        } else {
                            strongSource = strongSource == null ? tag.value() : strongSource;
                        }
                        remux |= tn.lower(i).contains("remux");
                    }
                    case CODEC -> codec = codec == null ? tag.value() : codec;
                    case LANGUAGE -> addOnce(languages, tag.value());
                    case FLAG, EDITION, SUBTITLES -> {
                        addOnce(flags, tag.value());
                        remux |= tag.value().equals("REMUX");
                    }
                    case PICTURE -> {
                        uhd |= tag.value().equals("UHD");
                        if (FLAG_PICTURES.contains(tag.value())) {
                            addOnce(flags, tag.value());
                        }
                    }
                    default -> {}
                }
            }
            String source = strongSource != null ? strongSource : weakSource;
            if (source == null && remux) {
                source = "BluRay";
            }
            if (uhd && "BluRay".equals(source)) {
                source = "UHD-BluRay";
            }
            if (remux) {
                addOnce(flags, "REMUX");
            }
            return new Quality(resolution, source, codec, languages, flags, video);
        }

        private static boolean isVideoKind(TokenKind kind) {
            return switch (kind) {
                case RESOLUTION, SOURCE, CODEC, AUDIO, PICTURE, EDITION, LANGUAGE, SUBTITLES, FLAG, SERVICE -> true;
                default -> false;
            };
        }

        /**
         * A weak word counts only next to another recognised word: {@code Ukr.Eng.AC3}, not {@code Testament.De.Nobel}.
         */
        private static boolean neighbourTagged(TokenizedName tn, int i) {
            return i > 0 && tn.tags[i - 1] != null || i + 1 < tn.count && tn.tags[i + 1] != null;
        }

        private static void addOnce(List<String> list, String value) {
            if (!list.contains(value)) {
                list.add(value);
            }
        }
    }
}
