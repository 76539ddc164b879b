package lab.reptile.server.cli;

import lab.reptile.model.RangeCheck;

/** Strict parsing of command-line flag values, with errors that name the flag. */
final class Flags {
    private Flags() {
    }

    /** The value after the flag at {@code index}. */
    static String value(String[] args, int index) {
        String flag = args[index];
        if (!flag.startsWith("--")) {
            throw new IllegalArgumentException("unknown argument " + flag + " (see --help)");
        }
        if (index + 1 >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[index + 1];
    }

    static long whole(String flag, String value, long min, long max) {
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number, got \"" + value + "\"");
        }
        return RangeCheck.require(flag, n, min, max);
    }

    /** "on" or "off". */
    static boolean onOff(String flag, String value) {
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(flag + " must be on or off, got \"" + value + "\"");
        };
    }

    static double real(String flag, String value, double min, double max) {
        double x;
        try {
            x = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a number, got \"" + value + "\"");
        }
        return RangeCheck.require(flag, x, min, max);
    }

    /** A worker's name: 1–50 printable characters without spaces (db-scheduler keeps 50). */
    static String name(String flag, String value) {
        if (!value.matches("[\\x21-\\x7e]{1,50}")) {
            throw new IllegalArgumentException(flag + " must be 1 to 50 printable characters without spaces, got \""
                    + shorten(value) + "\"");
        }
        return value;
    }

    /** A JDBC URL of a database the lab runs on: H2 or PostgreSQL. */
    static String jdbcUrl(String flag, String value) {
        if (!(value.startsWith("jdbc:h2:") || value.startsWith("jdbc:postgresql:"))) {
            throw new IllegalArgumentException(flag + " must be a JDBC URL of H2 (jdbc:h2:...) or PostgreSQL"
                    + " (jdbc:postgresql://host:port/db), got \"" + shorten(value) + "\"");
        }
        return value;
    }

    /** {@code text} cut to 60 characters for an error message. */
    static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
