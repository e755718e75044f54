package dev.releasewatch.feed.name;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The parts of one release name. Fields the name does not state are {@code null} (or empty lists).
 *
 * <p>Season and episode are lists because names carry packs ({@code S01-S04}), multi-episodes
 * ({@code S01E01E02}, {@code S01E01-04}) and single episodes alike; {@link #season()} and {@link #episode()} give
 * the first value for the common single case.
 *
 * @param name           the name as given (may be {@code null} when the input was)
 * @param group          the release group, e.g. {@code SPARKS}; {@code null} when the name carries none
 * @param type           what the release is
 * @param title          the title with separators turned into spaces, e.g. {@code The Rum Diary}
 * @param year           the release year, or the year of the air date of a daily show
 * @param seasons        season numbers, ascending as written; empty when none
 * @param episodes       episode numbers (absolute numbers for anime); empty when none
 * @param date           the air date of a daily show ({@code Show.2020.08.26...})
 * @param resolution     normalised vertical resolution: {@code 480p}, {@code 720p}, {@code 1080p}, {@code 1080i},
 *                       {@code 2160p}, ...
 * @param source         normalised source, one of the values listed in {@link QualityTokens}
 *                       ({@code WEB}, {@code WEB-DL}, {@code WEBRip}, {@code HDTV}, {@code BluRay}, {@code DVDRip},
 * ...)
 * @param codec          normalised video codec: {@code x264}, {@code H.264}, {@code x265}, {@code H.265},
 *                       {@code XviD}, {@code DivX}, {@code VC-1}, {@code MPEG-2}, {@code VP9}, {@code AV1}, ...
 * @param languages      audio languages in upper-case English ({@code FRENCH}, {@code GERMAN}, {@code MULTI}, ...)
 * @param flags          release and edition flags in scene spelling ({@code PROPER}, {@code REPACK},
 *                       {@code iNTERNAL}, {@code EXTENDED}, {@code REMUX}, ...)
 * @param category       the category the release counts under
 * @param categorySource whether {@link #category} came from the feed's section or from the name
 */
public record ParsedRelease(
        String name,
        String group,
        ReleaseType type,
        String title,
        Integer year,
        List<Integer> seasons,
        List<Integer> episodes,
        LocalDate date,
        String resolution,
        String source,
        String codec,
        List<String> languages,
        List<String> flags,
        Category category,
        CategorySource categorySource) {

    /** Normalises nulls to empty lists and copies the lists so the record is immutable. */
    public ParsedRelease {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(categorySource, "categorySource");
        seasons = seasons == null ? List.of() : List.copyOf(seasons);
        episodes = episodes == null ? List.of() : List.copyOf(episodes);
        languages = languages == null ? List.of() : List.copyOf(languages);
        flags = flags == null ? List.of() : List.copyOf(flags);
    }

    /**
     * The result for input that is not a release name at all: type {@link ReleaseType#OTHER}, no group.
     *
     * @param name           the input as given
     * @param category       the category from the section, or {@link Category#OTHER}
     * @param categorySource where that category came from
     * @return a result carrying nothing but the name and the category
     */
    static ParsedRelease unparsed(String name, Category category, CategorySource categorySource) {
        return new ParsedRelease(
                name,
                null,
                ReleaseType.OTHER,
                null,
                null,
                List.of(),
                List.of(),
                null,
                null,
                null,
                null,
                List.of(),
                List.of(),
                category,
                categorySource);
    }

    /** @return the first season, or {@code null} when the name states none */
    public Integer season() {
        return seasons.isEmpty() ? null : seasons.get(0);
    }

    /** @return the first episode, or {@code null} when the name states none */
    public Integer episode() {
        return episodes.isEmpty() ? null : episodes.get(0);
    }

    /**
     * @param flag a flag in any case, e.g. {@code proper}
     * @return whether the release carries that flag
     */
    public boolean hasFlag(String flag) {
        for (String f : flags) {
            if (f.equalsIgnoreCase(flag)) {
                return true;
            }
        }
        return false;
    }
}
