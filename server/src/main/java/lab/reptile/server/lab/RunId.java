package lab.reptile.server.lab;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A run's id: {@code default} for the server's own run, otherwise 16 URL-safe characters from 96 random bits, so
 * ids cannot be guessed. Ids are made only here and checked by {@link #parse}, so a run's directory name never comes
 * from a visitor's text.
 */
public record RunId(String value) {
    public static final RunId DEFAULT = new RunId("default");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int RANDOM_BYTES = 12;

    public RunId {
        if (!value.equals("default") && !value.matches("[A-Za-z0-9_-]{16}")) {
            throw new IllegalArgumentException("malformed run id \"" + shorten(value)
                    + "\": a run id is \"default\" or 16 characters of A-Z, a-z, 0-9, _ and -");
        }
    }

    /** A fresh random id. */
    public static RunId random() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return new RunId(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The id in {@code text}; an IllegalArgumentException saying what a run id looks like otherwise. */
    public static RunId parse(String text) {
        return new RunId(text);
    }

    public boolean isDefault() {
        return value.equals("default");
    }

    @Override
    public String toString() {
        return value;
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
