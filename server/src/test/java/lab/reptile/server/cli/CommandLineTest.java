package lab.reptile.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import lab.reptile.server.lab.LabLimits;
import org.junit.jupiter.api.Test;

class CommandLineTest {
    @Test
    void defaultsBindLoopbackOnPort8080WithoutAToken() {
        CommandLine cli = CommandLine.parse(new String[0], Map.of());
        assertEquals("127.0.0.1", cli.host());
        assertEquals(8080, cli.port());
        assertNull(cli.adminToken());
        assertNull(cli.seed());
        assertEquals("data", cli.dataDir());
        assertEquals(10, cli.checkpointSeconds());
        assertFalse(cli.fresh());
        assertEquals(LabLimits.DEFAULTS, cli.lab());
        assertFalse(cli.trustProxy());
        assertEquals(1, cli.trainers());
    }

    @Test
    void everyOptionIsRead() {
        CommandLine cli = CommandLine.parse(new String[] {"--port", "0", "--host", "0.0.0.0", "--seed", "-7",
                "--tasks", "1234", "--preset", "maml-protocol", "--admin-token", "abc", "--data-dir", "/tmp/d", "--fresh",
                "--checkpoint-every", "3"}, Map.of());
        assertEquals(new CommandLine("0.0.0.0", 0, -7L, 1234, "maml-protocol", "abc", "/tmp/d", true, 3, LabLimits.DEFAULTS, false, 1,
                CommandLine.Role.ALL, null, null, null, null, false), cli);
    }

    @Test
    void theLabsLimitsAreFlags() {
        CommandLine cli = CommandLine.parse(new String[] {"--lab", "off", "--lab-max-tasks", "5000",
                "--lab-runs-per-hour", "0", "--lab-queue", "2", "--lab-keep", "4", "--lab-disk-mb", "64",
                "--trust-proxy", "--trainers", "2"}, Map.of());
        assertEquals(new LabLimits(false, 5000, 0, 2, 4, 64L << 20), cli.lab());
        assertTrue(cli.trustProxy());
        assertEquals(2, cli.trainers());
        assertMessage("--lab must be on or off, got \"yes\"", "--lab", "yes");
        assertMessage("--lab-disk-mb must be from 1 to 1,073,741,824, got 0", "--lab-disk-mb", "0");
        assertMessage("--trainers must be from 1 to 64, got 0", "--trainers", "0");
    }

    @Test
    void theTokenComesFromTheEnvironmentUnlessGiven() {
        assertEquals("env", CommandLine.parse(new String[0], Map.of("REPTILE_ADMIN_TOKEN", "env")).adminToken());
        assertEquals("flag", CommandLine.parse(new String[] {"--admin-token", "flag"},
                Map.of("REPTILE_ADMIN_TOKEN", "env")).adminToken());
    }

    @Test
    void badArgumentsAreRejectedNamingTheFlag() {
        assertMessage("--port must be from 0 to 65,535, got 70,000", "--port", "70000");
        assertMessage("--port must be a whole number, got \"http\"", "--port", "http");
        assertMessage("--tasks must be from 1 to 100,000,000, got 0", "--tasks", "0");
        assertMessage("--seed needs a value", "--seed");
        assertMessage("unknown preset \"fast\"; known presets: default, reference, maml-protocol", "--preset", "fast");
        assertMessage("unknown option --verbose (see --help)", "--verbose", "1");
        assertMessage("unknown argument stray (see --help)", "stray");
    }

    @Test
    void helpWinsOverEverythingElse() {
        assertTrue(CommandLine.parse(new String[] {"--port", "1", "--help"}, Map.of()).help());
    }

    private static void assertMessage(String message, String... args) {
        var e = assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(args, Map.of()));
        assertEquals(message, e.getMessage());
    }
}
