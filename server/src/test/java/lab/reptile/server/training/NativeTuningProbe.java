package lab.reptile.server.training;

import lab.reptile.model.NetShape;
import lab.reptile.model.ReptileConfig;
import lab.reptile.server.baseline.Dl4jPretrainer;
import lab.reptile.server.baseline.PretrainConfig;

/**
 * Run by {@link NativeTuningIT} in a JVM without OMP_NUM_THREADS, as a plain {@code java -jar} starts: tunes the
 * process as the server's main does, then prints "name threads" for main, for libnd4j's own pool, for a new thread that runs no DL4J code,
 * and for new threads that run the pretrainer and the DL4J trainer, each measured on its own thread.
 */
public final class NativeTuningProbe {
    private NativeTuningProbe() {
    }

    public static void main(String[] args) throws Exception {
        NativeTuning.apply();
        System.out.println("cores " + Runtime.getRuntime().availableProcessors());
        System.out.println("main " + NativeTuning.ompThreads());
        System.out.println("pool " + NativeTuning.poolThreads());
        onNewThread("plain", () -> { });
        onNewThread("pretrainer", () -> Dl4jPretrainer.train(PretrainConfig.defaults().withSteps(2), NetShape.STANDARD));
        onNewThread("trainer", () -> new Dl4jReptileTrainer(ReptileConfig.builder().tasks(10).build(),
                NetShape.STANDARD).metaStep());
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
