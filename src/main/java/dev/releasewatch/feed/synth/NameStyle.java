package dev.releasewatch.feed.synth;

/** How release names of a section look; each style has its own template in {@link ReleaseNameFactory}. */
public enum NameStyle {
    /** {@code Title.2020.1080p.BluRay.x264-GROUP}. */
    MOVIE_X264,
    /** {@code Title.2019.2160p.UHD.BluRay.x265-GROUP}. */
    MOVIE_X265,
    /** {@code Title.2020.COMPLETE.BLURAY-GROUP}. */
    BLURAY_DISC,
    /** {@code Title.2020.PAL.DVDR-GROUP}. */
    DVDR,
    /** {@code Show.S02E05.720p.HDTV.x264-GROUP}, daily shows {@code Show.2020.08.26.Guest.720p.WEB.h264-GROUP}. */
    EPISODE_HD,
    /** {@code Show.S02E05.2160p.WEB.H265-GROUP}. */
    EPISODE_X265,
    /** {@code Show.S02E05.HDTV.x264-GROUP}, {@code Show.S02E05.XviD-GROUP}. */
    EPISODE_SD,
    /** {@code Site.20.08.26.First.Last.XXX.1080p.MP4-GROUP}. */
    ADULT,
    /** {@code Artist_Name-Album_Title-WEB-2020-GROUP}. */
    MUSIC_MP3,
    /** {@code Artist_Name-Album_Title-16BIT-WEB-FLAC-2020-GROUP}. */
    MUSIC_FLAC,
    /** {@code Artist_Name-Song_Title-DDC-1080p-x264-2020-GROUP}. */
    MUSIC_VIDEO,
    /** {@code Game.Title-GROUP}, {@code Game.Title.Update.v1.2.3-GROUP}. */
    GAME,
    /** {@code Vendor.Product.v21.2.1.x64.Incl.Keygen-GROUP}. */
    APP,
    /** {@code Vendor.Tool.v3.1.WinALL.Cracked-GROUP}. */
    ZERO_DAY,
    /**
     * {@code Publisher.Title.2020.RETAIL.ePub.eBook-GROUP}, magazines {@code
     * Title.No.12.2020.HYBRID.MAGAZiNE.eBook-GROUP}.
     */
    EBOOK,
    /** {@code Author_Name_-_Book_Title-AUDIOBOOK-WEB-EN-2020-GROUP}. */
    AUDIOBOOK,
    /** {@code Game.Title.NSW-GROUP} and other console releases. */
    CONSOLE_GAME,
    /** {@code Show.S01E03.SUBPACK-GROUP} and similar small extras. */
    EXTRA
}
