package lab.reptile.server.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Without OMP_NUM_THREADS, every thread that runs ND4J gets the one OpenMP thread the server chose, not only main:
 * OpenMP's setting is per thread, and the pretrainer on 2 threads used to slow the default run's start by half.
 */
class NativeTuningIT {
    @Test
    void thePretrainerAndTheTrainerRunOnOneOpenMpThreadLikeMain() throws Exception {
        Map<String, Integer> threads = probe();
        assertEquals(1, threads.get("main"));
        assertEquals(1, threads.get("pretrainer"), "the pretrainer's thread");
        assertEquals(1, threads.get("trainer"), "the trainer's thread");
        assertEquals(1, threads.get("stepped"), "a thread stepping a trainer built elsewhere");
        assumeTrue(threads.get("cores") > 1, "on one core every thread has one OpenMP thread anyway");
        assertTrue(threads.get("plain") > 1, "a new thread without the call takes every core: " + threads);
    }

    private static Map<String, Integer> probe() throws IOException, InterruptedException {
        Path log = Files.createTempFile("native-tuning-probe", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                NativeTuningProbe.class.getName())).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("OMP_NUM_THREADS");
        Process process = builder.start();
        boolean ended = process.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        Files.delete(log);
        assertTrue(ended, "the probe ended: " + output);
        assertEquals(0, process.exitValue(), output);
        Map<String, Integer> threads = new HashMap<>();
        for (String line : output.split("\n")) {
            String[] parts = line.trim().split(" ");
            if (parts.length == 2 && parts[1].matches("\\d+")) {
                threads.put(parts[0], Integer.parseInt(parts[1]));
            }
        }
        assertEquals(6, threads.size(), output); // cores and 5 threads
        return threads;
    }
}
