package lab.reptile.server.training;

import lab.reptile.model.NetShape;
import lab.reptile.model.ReptileConfig;
import lab.reptile.server.baseline.Dl4jPretrainer;
import lab.reptile.server.baseline.PretrainConfig;

/**
 * Run by {@link NativeTuningIT} in a JVM without OMP_NUM_THREADS, as a plain {@code java -jar} starts: tunes the
 * process as the server's main does, then prints "name threads" (OpenMP threads, measured on that thread) for
 * main, for a new thread that runs no DL4J code, for new threads that run the pretrainer and the DL4J trainer, and
 * for a new thread that steps a trainer built on main.
 */
public final class NativeTuningProbe {
    private NativeTuningProbe() {
    }

    public static void main(String[] args) throws Exception {
        NativeTuning.apply();
        System.out.println("cores " + Runtime.getRuntime().availableProcessors());
        System.out.println("main " + NativeTuning.ompThreads());
        onNewThread("plain", () -> { });
        onNewThread("pretrainer",
                () -> Dl4jPretrainer.train(PretrainConfig.defaults().withSteps(2), NetShape.STANDARD));
        onNewThread("trainer", () -> new Dl4jReptileTrainer(ReptileConfig.builder().tasks(10).build(),
                NetShape.STANDARD).metaStep());
        Dl4jReptileTrainer builtOnMain = new Dl4jReptileTrainer(ReptileConfig.builder().tasks(10).build(),
                NetShape.STANDARD);
        onNewThread("stepped", builtOnMain::metaStep);
    }

    private static void onNewThread(String name, Runnable work) throws InterruptedException {
        Thread thread = new Thread(() -> {
            work.run();
            System.out.println(name + " " + NativeTuning.ompThreads());
        }, name);
        thread.start();
        thread.join();
    }
}
