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
}
