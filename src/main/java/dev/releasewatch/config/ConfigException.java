package dev.releasewatch.config;

/** A configuration value that cannot be used; the message names the key, so start-up fails with a clear line. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code key} with a message saying what is wrong with its value. */
    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
    }
}
