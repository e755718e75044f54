package dev.releasewatch.feed.synth;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Makes release names in the style of each section, from invented titles, artists and products (no real catalogue
 * is copied). Shows keep a fixed season and air weekly, so episode numbers advance with the calendar like a real
 * schedule.
 *
 * <p>The catalogues (shows, artists, authors) are built from a fixed internal seed, not the feed's seed: a show is the
 * same show in every generated feed, only which releases appear varies with the seed. Not thread-safe (one
 * {@link StringBuilder} is reused).
 */
final class ReleaseNameFactory {

    private static final String[] WORDS = {
        "Dark",
        "Night",
        "Last",
        "Silent",
        "Lost",
        "City",
        "Road",
        "Home",
        "Girl",
        "Blood",
        "Fire",
        "Water",
        "Stone",
        "River",
        "Shadow",
        "Summer",
        "Winter",
        "Storm",
        "Heart",
        "King",
        "Queen",
        "House",
        "Hunter",
        "Wolf",
        "Iron",
        "Glass",
        "Black",
        "White",
        "Red",
        "Blue",
        "Golden",
        "Broken",
        "Hidden",
        "Wild",
        "Cold",
        "Burning",
        "Falling",
        "Rising",
        "Secret",
        "Empire",
        "Kingdom",
        "Island",
        "Ocean",
        "Desert",
        "Forest",
        "Mountain",
        "Valley",
        "Bridge",
        "Tower",
        "Garden",
        "Station",
        "Signal",
        "Echo",
        "Mirror",
        "Dream",
        "Ghost",
        "Angel",
        "Devil",
        "Saint",
        "Sinner",
        "Soldier",
        "Doctor",
        "Stranger",
        "Brother",
        "Sister",
        "Father",
        "Mother",
        "Daughter",
        "Son",
        "Friend",
        "Enemy",
        "Lover",
        "Killer",
        "Thief",
        "Witness",
        "Promise",
        "Mission",
        "Escape",
        "Return",
        "Revenge",
        "Justice",
        "Truth",
        "Lies",
        "Games",
        "Rules",
        "Code",
        "Line",
        "Edge",
        "Point",
        "Zone",
        "Hour",
        "Day",
        "Week",
        "Year",
        "Time",
        "Moon",
        "Sun",
        "Star",
        "Sky",
        "Earth",
        "Space",
        "Planet",
        "Machine",
        "Engine",
        "Circuit",
        "Wire",
        "Paper",
        "Letter",
        "Story",
        "Song",
        "Dance",
        "Party",
        "Wedding",
        "Funeral",
        "Holiday",
        "Journey",
        "Voyage",
        "Trail",
        "Street",
        "Avenue",
        "Harbor",
        "Beach",
        "Lake",
        "Frontier",
        "Border",
        "Colony",
        "Legacy",
        "Origin",
        "Chapter",
        "Crown",
        "Sword",
        "Shield",
        "Arrow",
        "Raven",
        "Falcon",
        "Tiger",
        "Bear",
        "Fox",
        "Horse",
        "Dragon",
        "Serpent",
        "Velvet",
        "Neon",
        "Crystal",
        "Amber",
        "Silver",
        "Copper",
        "Paradise",
        "Inferno",
        "Horizon",
        "Midnight"
    };
    private static final String[] FIRST = {
        "Anna", "Ben", "Clara", "David", "Eva", "Felix", "Grace", "Henry", "Iris", "Jack", "Kate", "Leo", "Mia", "Noah",
        "Olivia", "Paul", "Quinn", "Rosa", "Sam", "Tara", "Victor", "Wendy", "Xavier", "Yara", "Zoe", "Adrian", "Bella",
        "Carlos", "Dana", "Elias", "Fiona", "Gabriel", "Hana", "Ivan", "Julia", "Karl", "Lena", "Marco", "Nina",
        "Oscar", "Petra", "Rafael", "Sofia", "Tomas", "Uma", "Vera", "Walter", "Lucia", "Milan", "Nora"
    };
    private static final String[] LAST = {
        "Abbott", "Baker", "Carter", "Dawson", "Ellis", "Fischer", "Garcia", "Hayes", "Ivers", "Jensen", "Keller",
        "Lambert", "Moreau", "Novak", "Olsen", "Price", "Quint", "Reyes", "Stone", "Turner", "Vance", "Weber", "Young",
        "Zeller", "Brandt", "Costa", "Duval", "Engel", "Ford", "Gray", "Holm", "Kovac", "Lund", "Marsh", "Nash",
        "Ortiz", "Pike", "Ross", "Sato", "Thorne", "Voss", "Wilde", "Blake", "Crane", "Drake", "Frost", "Hale", "Knight"
    };
    private static final String[] PUBLISHERS = {
        "Packt",
        "Apress",
        "Wiley",
        "OReilly",
        "Manning",
        "No.Starch",
        "Springer",
        "CRC.Press",
        "Pearson",
        "Routledge",
        "Penguin",
        "HarperCollins",
        "Tor",
        "Orbit",
        "Wiley-VCH",
        "Elsevier",
        "Cambridge.University.Press",
        "McGraw-Hill"
    };
    private static final String[] MAGAZINES = {
        "Computer.Weekly",
        "Garden.Monthly",
        "Photo.Pro",
        "Classic.Cars",
        "Home.Cook",
        "Linux.User",
        "Retro.Gamer.Life",
        "Bike.Rider",
        "Travel.Today",
        "Science.Now",
        "Model.Railway.World",
        "Guitar.Player.Mag",
        "Woodwork.Craft",
        "Yacht.Life",
        "Digital.Camera.World",
        "Health.Matters",
        "Knitting.Circle",
        "Aircraft.Modeller"
    };
    private static final String[] VENDORS = {
        "Nexora", "Bitfield", "Vexel", "DataWorx", "Pixelcraft", "Softland", "Cobalt.Labs", "Ironclad", "Lumina",
        "Quantix", "Redline", "Skyforge", "Tessera", "Vortexa", "Wavelab", "Zentri", "Arcadia.Soft", "Brightsmith"
    };
    private static final String[] PRODUCTS = {
        "Studio", "Suite", "Converter", "Recovery", "Backup", "Editor", "Designer", "Optimizer", "Manager", "Toolkit",
        "Player", "Recorder", "Cleaner", "Downloader", "Renamer", "Analyzer", "Commander", "Capture", "Sync", "Vault"
    };
    private static final String[] SITES = {
        "VelvetStudio",
        "NightClips",
        "SilkReels",
        "PrivateLens",
        "AmberScenes",
        "NeonStage",
        "GoldenFrames",
        "CrimsonSet",
        "MidnightTapes",
        "SatinStudio",
        "LushPictures",
        "BareCanvas"
    };
    private static final String[] GAME_SUFFIXES = {
        "Simulator",
        "Tactics",
        "Legends",
        "Chronicles",
        "Remastered",
        "Tycoon",
        "Survival",
        "Arena",
        "Odyssey",
        "Rebellion",
        "Defense",
        "Racing",
        "Adventures",
        "Warfare",
        "Manager",
        "Quest"
    };
    private static final String[] LANGUAGES = {"GERMAN", "FRENCH", "iTALiAN", "SPANiSH", "DUTCH", "SWEDiSH"};
    private static final String[] MONTHS = {
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December"
    };

    private static final String[] EPISODE_HD_TAILS = {
        ".720p.HDTV.x264",
        ".720p.WEB.h264",
        ".720p.WEB.H264",
        ".720p.AMZN.WEB.h264",
        ".1080p.WEB.h264",
        ".1080p.WEB.H264",
        ".1080p.HDTV.x264",
        ".1080p.AMZN.WEB.h264"
    };
    private static final String[] EPISODE_X265_TAILS = {
        ".2160p.WEB.H265", ".2160p.WEB.h265", ".2160p.HDR.WEB.H265", ".1080p.WEB.x265", ".2160p.DV.WEB.H265"
    };
    private static final String[] EPISODE_SD_TAILS = {".HDTV.x264", ".WEB.x264", ".480p.x264", ".XviD", ".WEB.h264"};
    private static final int SHOWS = 700;
    private static final LocalDate SCHEDULE_EPOCH = LocalDate.of(2019, 9, 2);

    private final String[] showTitles = new String[SHOWS];
    private final int[] showSeasons = new int[SHOWS];
    private final int[] showLength = new int[SHOWS];
    private final int[] showOffset = new int[SHOWS];
    private final boolean[] dailyShow = new boolean[SHOWS];
    private final StringBuilder text = new StringBuilder(96);

    ReleaseNameFactory() {
        final SplittableRandom catalogue = new SplittableRandom(0x5EEDL);
        for (int i = 0; i < SHOWS; i++) {
            showTitles[i] = title(catalogue, 1, 3);
            showSeasons[i] = 1 + catalogue.nextInt(catalogue.nextInt(4) == 0 ? 12 : 4);
            showLength[i] = 6 + catalogue.nextInt(19);
            showOffset[i] = catalogue.nextInt(200);
            dailyShow[i] = catalogue.nextInt(12) == 0;
        }
    }

    /**
     * A name for a release of {@code group} in a section of the given style on {@code day}.
     *
     * @param style   the section's style
     * @param section the section name (console styles take the platform tag from it)
     * @param group   the group
     * @param day     the release day
     * @param rnd     the source of randomness
     * @return the name
     */
    String name(
            final NameStyle style,
            final String section,
            final String group,
            final LocalDate day,
            final SplittableRandom rnd) {
        text.setLength(0);
        switch (style) {
            case MOVIE_X264 -> movieX264(rnd, day);
            case MOVIE_X265 -> movieX265(rnd, day);
            case BLURAY_DISC -> blurayDisc(rnd, day);
            case DVDR -> dvdr(rnd, day);
            case EPISODE_HD -> episode(rnd, day, EPISODE_HD_TAILS);
            case EPISODE_X265 -> episode(rnd, day, EPISODE_X265_TAILS);
            case EPISODE_SD -> episode(rnd, day, EPISODE_SD_TAILS);
            case ADULT -> adult(rnd, day);
            case MUSIC_MP3 -> music(rnd, day, pick(rnd, "WEB", "WEB", "WEB", "CD", "SINGLE-WEB", "(VLS)"));
            case MUSIC_FLAC -> music(rnd, day, pick(rnd, "WEB-FLAC", "16BIT-WEB-FLAC", "24BIT-WEB-FLAC", "CD-FLAC"));
            case MUSIC_VIDEO -> musicVideo(rnd, day);
            case GAME -> game(rnd);
            case APP -> app(rnd);
            case ZERO_DAY -> zeroDay(rnd);
            case EBOOK -> ebook(rnd, day);
            case AUDIOBOOK -> audiobook(rnd, day);
            case CONSOLE_GAME -> consoleGame(rnd, section);
            case EXTRA -> extra(rnd, day);
            default -> throw new IllegalStateException("unhandled style " + style);
        }
        return text.append('-').append(group).toString();
    }

    private void movieX264(final SplittableRandom rnd, final LocalDate day) {
        text.append(title(rnd, 1, 4)).append('.').append(movieYear(rnd, day));
        tags(rnd);
        text.append(rnd.nextInt(100) < 65 ? ".1080p" : ".720p");
        final int source = rnd.nextInt(100);
        text.append(
                source < 50
                        ? ".BluRay.x264"
                        : source < 85 ? ".WEB.H264" : source < 95 ? ".WEBRip.x264" : ".HDRip.x264");
    }

    private void movieX265(final SplittableRandom rnd, final LocalDate day) {
        text.append(title(rnd, 1, 4)).append('.').append(movieYear(rnd, day));
        tags(rnd);
        final int kind = rnd.nextInt(100);
        text.append(
                kind < 45
                        ? ".2160p.UHD.BluRay.x265"
                        : kind < 75 ? ".2160p.WEB.H265" : kind < 85 ? ".2160p.WEB.HDR.H265" : ".1080p.BluRay.x265");
    }

    private void blurayDisc(final SplittableRandom rnd, final LocalDate day) {
        text.append(title(rnd, 1, 4)).append('.').append(movieYear(rnd, day));
        text.append(pick(
                rnd,
                ".COMPLETE.BLURAY",
                ".COMPLETE.BLURAY",
                ".MULTi.COMPLETE.BLURAY",
                ".COMPLETE.UHD.BLURAY",
                ".1080p.BluRay.AVC.DTS-HD.MA.5.1",
                ".GERMAN.COMPLETE.BLURAY"));
    }

    private void dvdr(final SplittableRandom rnd, final LocalDate day) {
        text.append(title(rnd, 1, 4)).append('.').append(movieYear(rnd, day));
        if (rnd.nextInt(4) == 0) {
            text.append('.').append(pick(rnd, LANGUAGES));
        }
        text.append(pick(rnd, ".PAL.DVDR", ".NTSC.DVDR", ".MULTi.PAL.DVD9", ".PAL.DVD9"));
    }

    private void episode(final SplittableRandom rnd, final LocalDate day, final String[] tails) {
        final int show = skewed(rnd, SHOWS);
        text.append(showTitles[show]);
        if (dailyShow[show]) {
            text.append('.')
                    .append(day.getYear())
                    .append('.')
                    .append(twoDigits(day.getMonthValue()))
                    .append('.')
                    .append(twoDigits(day.getDayOfMonth()))
                    .append('.')
                    .append(pick(rnd, FIRST))
                    .append('.')
                    .append(pick(rnd, LAST));
        } else if (rnd.nextInt(60) == 0) {
            text.append(".S").append(twoDigits(showSeasons[show]));
        } else {
            final long weeks = ChronoUnit.WEEKS.between(SCHEDULE_EPOCH, day) + showOffset[show];
            final int episode = 1 + (int) ((weeks + rnd.nextInt(2)) % showLength[show]);
            text.append(".S").append(twoDigits(showSeasons[show])).append('E').append(twoDigits(episode));
        }
        if (rnd.nextInt(10) == 0) {
            text.append('.').append(pick(rnd, LANGUAGES)).append(".DL");
        }
        if (rnd.nextInt(25) == 0) {
            text.append(pick(rnd, ".PROPER", ".REPACK", ".iNTERNAL"));
        }
        text.append(pick(rnd, tails));
    }

    private void adult(final SplittableRandom rnd, final LocalDate day) {
        final LocalDate shot = day.minusDays(rnd.nextInt(3));
        text.append(pick(rnd, SITES))
                .append('.')
                .append(twoDigits(shot.getYear() % 100))
                .append('.')
                .append(twoDigits(shot.getMonthValue()))
                .append('.')
                .append(twoDigits(shot.getDayOfMonth()))
                .append('.')
                .append(pick(rnd, FIRST))
                .append('.')
                .append(pick(rnd, LAST));
        if (rnd.nextInt(4) == 0) {
            text.append(".And.").append(pick(rnd, FIRST)).append('.').append(pick(rnd, LAST));
        }
        text.append(".XXX").append(pick(rnd, ".1080p.MP4", ".720p.MP4", ".2160p.MP4", ".480p.MP4", ".1080p.HEVC.x265"));
    }

    private void music(final SplittableRandom rnd, final LocalDate day, final String medium) {
        if (rnd.nextInt(10) == 0) {
            text.append("VA");
        } else {
            artist(rnd);
        }
        text.append('-');
        underscored(title(rnd, 1, 3));
        if (rnd.nextInt(6) == 0) {
            text.append("-(")
                    .append(pick(rnd, "CAT", "REC", "LBL", "DIG"))
                    .append(100 + rnd.nextInt(900))
                    .append(')');
        }
        text.append('-').append(medium).append('-').append(day.getYear());
    }

    private void musicVideo(final SplittableRandom rnd, final LocalDate day) {
        artist(rnd);
        text.append('-');
        underscored(title(rnd, 1, 3));
        if (rnd.nextInt(5) == 0) {
            text.append("-(Live_At_")
                    .append(pick(rnd, WORDS))
                    .append('_')
                    .append(pick(rnd, "Festival", "Hall", "Arena"))
                    .append(')');
        }
        text.append(pick(rnd, "-DDC-1080p-x264-", "-DDC-720p-x264-", "-1080p-x264-", "-WEB-1080p-x264-"))
                .append(day.getYear());
    }

    private void game(final SplittableRandom rnd) {
        gameTitle(rnd);
        final int kind = rnd.nextInt(10);
        if (kind < 3) {
            text.append(".Update.v")
                    .append(1 + rnd.nextInt(3))
                    .append('.')
                    .append(rnd.nextInt(20))
                    .append('.')
                    .append(rnd.nextInt(100));
        } else if (kind < 4) {
            text.append('.').append(pick(rnd, WORDS)).append('.').append(pick(rnd, "Pack", "Expansion", "DLC"));
        }
        if (rnd.nextInt(12) == 0) {
            text.append(pick(rnd, ".MULTi10", ".PROPER", ".REPACK"));
        }
    }

    private void app(final SplittableRandom rnd) {
        text.append(pick(rnd, VENDORS))
                .append('.')
                .append(pick(rnd, WORDS))
                .append('.')
                .append(pick(rnd, PRODUCTS))
                .append(".v")
                .append(1 + rnd.nextInt(25))
                .append('.')
                .append(rnd.nextInt(10))
                .append('.')
                .append(rnd.nextInt(1000));
        text.append(pick(rnd, ".x64", ".x64", ".Multilingual", ".MacOS", ".Linux", ".x86"))
                .append(pick(rnd, ".Incl.Keygen", ".Retail", ".Incl.Patch", ".Cracked", ""));
    }

    private void zeroDay(final SplittableRandom rnd) {
        text.append(pick(rnd, VENDORS))
                .append('.')
                .append(pick(rnd, WORDS))
                .append(pick(rnd, PRODUCTS))
                .append(".v")
                .append(1 + rnd.nextInt(12))
                .append('.')
                .append(rnd.nextInt(100))
                .append(pick(
                        rnd,
                        ".WinALL.Cracked",
                        ".Incl.Keymaker",
                        ".WinALL.Regged",
                        ".MacOSX",
                        ".Linux",
                        ".Portable",
                        ".WinALL.Incl.Keygen"));
    }

    private void ebook(final SplittableRandom rnd, final LocalDate day) {
        if (rnd.nextInt(100) < 65) {
            text.append(pick(rnd, PUBLISHERS))
                    .append('.')
                    .append(title(rnd, 2, 5))
                    .append('.')
                    .append(day.getYear())
                    .append(pick(rnd, ".RETAIL.ePub.eBook", ".RETAIL.ePub.eBook", ".RETAIL.PDF.eBook", ".ePub.eBook"));
        } else {
            text.append(pick(rnd, MAGAZINES));
            if (rnd.nextBoolean()) {
                text.append(".No.").append(1 + rnd.nextInt(400));
            } else {
                text.append('.').append(pick(rnd, MONTHS));
            }
            text.append('.').append(day.getYear()).append(".HYBRID.MAGAZiNE.eBook");
        }
    }

    private void audiobook(final SplittableRandom rnd, final LocalDate day) {
        text.append(pick(rnd, FIRST)).append('_').append(pick(rnd, LAST)).append("_-_");
        underscored(title(rnd, 1, 4));
        text.append("-AUDIOBOOK-WEB-")
                .append(pick(rnd, "EN", "EN", "EN", "DE"))
                .append('-')
                .append(day.getYear());
    }

    private void consoleGame(final SplittableRandom rnd, final String section) {
        gameTitle(rnd);
        if (rnd.nextInt(4) == 0) {
            text.append(".Update.v")
                    .append(1 + rnd.nextInt(3))
                    .append('.')
                    .append(rnd.nextInt(10))
                    .append('.')
                    .append(rnd.nextInt(10));
        }
        text.append('.').append(section.toUpperCase(Locale.ROOT));
    }

    private void extra(final SplittableRandom rnd, final LocalDate day) {
        final int show = skewed(rnd, SHOWS);
        text.append(showTitles[show])
                .append(".S")
                .append(twoDigits(showSeasons[show]))
                .append('E')
                .append(twoDigits(1 + rnd.nextInt(showLength[show])))
                .append('.')
                .append(pick(rnd, LANGUAGES))
                .append(pick(rnd, ".SUBPACK", ".SUBFiX", ".DiRFiX", ".NFOFiX"));
    }

    private void gameTitle(final SplittableRandom rnd) {
        text.append(title(rnd, 1, 2)).append('.').append(pick(rnd, GAME_SUFFIXES));
        if (rnd.nextInt(5) == 0) {
            text.append('.').append(1 + rnd.nextInt(4));
        }
    }

    private void artist(final SplittableRandom rnd) {
        if (rnd.nextInt(3) == 0) {
            text.append("The_")
                    .append(pick(rnd, WORDS))
                    .append('_')
                    .append(pick(rnd, WORDS))
                    .append('s');
        } else {
            text.append(pick(rnd, FIRST)).append('_').append(pick(rnd, LAST));
        }
    }

    private void tags(final SplittableRandom rnd) {
        final int tag = rnd.nextInt(100);
        if (tag < 8) {
            text.append('.').append(pick(rnd, LANGUAGES)).append(".DL");
        } else if (tag < 12) {
            text.append(pick(rnd, ".LIMITED", ".iNTERNAL", ".PROPER", ".REPACK", ".EXTENDED", ".DC"));
        }
    }

    private void underscored(final String dotted) {
        text.append(dotted.replace('.', '_'));
    }

    private static String title(final SplittableRandom rnd, final int minWords, final int maxWords) {
        final int words = minWords + rnd.nextInt(maxWords - minWords + 1);
        final StringBuilder title = new StringBuilder(32);
        if (rnd.nextInt(5) == 0) {
            title.append("The.");
        }
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                title.append(i == 1 && words == 3 && rnd.nextInt(3) == 0 ? ".of.the." : ".");
            }
            title.append(WORDS[rnd.nextInt(WORDS.length)]);
        }
        return title.toString();
    }

    private static int movieYear(final SplittableRandom rnd, final LocalDate day) {
        final int roll = rnd.nextInt(100);
        if (roll < 55) {
            return day.getYear();
        }
        if (roll < 75) {
            return day.getYear() - 1;
        }
        return day.getYear() - 2 - rnd.nextInt(60);
    }

    /** Popular items first: index = floor(n * u^2), so the top tenth gets about a third of the picks. */
    private static int skewed(final SplittableRandom rnd, final int n) {
        final double u = rnd.nextDouble();
        return (int) (n * u * u);
    }

    private static String pick(final SplittableRandom rnd, final String... options) {
        return options[rnd.nextInt(options.length)];
    }

    private static String twoDigits(final int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}
