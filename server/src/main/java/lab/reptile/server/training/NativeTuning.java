package lab.reptile.server.training;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Tunes the JVM and ND4J for this server from the code, so a plain {@code java -jar} behaves like the tuned command
 * line ({@code OMP_NUM_THREADS=1 java -Xmx512m}): one OpenMP and BLAS thread, native memory bounded, and a heap that
 * gives memory back. Call {@link #apply()} first thing in {@code main}, before anything touches ND4J or JavaCPP.
 * Settings the operator gave (the environment variable, {@code -D} properties) are left as they are.
 *
 * <p>OpenMP's thread count is a per-thread setting: one made in {@code main} does not reach a thread started later,
 * which takes every core. So each thread that runs ND4J operations calls {@link #forThisThread()} first (the DL4J
 * trainer, on every thread that steps it, and the pretrainer do). Without it the pretrainer's batch-500 products
 * ran on 2 OpenMP threads at start-up and took the trainer's core: the default run trained at 1,300–2,000 tasks/s
 * instead of 4,000 for its first 10 s.
 */
public final class NativeTuning {
    /** JavaCPP's bound on native bytes: beyond it, an allocation first runs the GC, which frees dead buffers. */
    static final String MAX_NATIVE_BYTES = "512m";
    /** G1 runs a collection after this long without one, and returns unused heap to the OS. */
    static final String PERIODIC_GC_MILLIS = "5000";

    /** Set by {@link #apply()} when it chose one thread, so that {@link #forThisThread()} chooses it too. */
    private static volatile boolean oneThread;

    private NativeTuning() {
    }

    /** Sets the JavaCPP bound before it loads, then loads ND4J and sets its thread counts. */
    public static void apply() {
        if (System.getProperty("org.bytedeco.javacpp.maxbytes") == null) {
            System.setProperty("org.bytedeco.javacpp.maxbytes", MAX_NATIVE_BYTES);
        }
        shrinkingHeap();
        Nd4j.getBackend(); // loads ND4J, which NativeOpsHolder needs first
        if (System.getenv("OMP_NUM_THREADS") == null) {
            // ND4J reads OMP_NUM_THREADS when it loads and otherwise takes every core; a second thread only spins on
            // these tiny matrices (README.md, "The two commands"), so set one thread before the first operation.
            oneThread = true;
            forThisThread();
        }
    }

    /** Gives the calling thread the one OpenMP thread that {@link #apply()} chose; nothing if it chose none. */
    public static void forThisThread() {
        if (oneThread) {
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
            Nd4j.factory().blas().setMaxThreads(1);
        }
    }

    /** The threads ND4J's operations on the calling thread may use now. */
    public static int ompThreads() {
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }

    /**
     * Without {@code -Xmx} the heap may grow to a quarter of the machine's memory before the GC frees ND4J's dead
     * buffers; manageable G1 flags make it collect when idle and shrink after collections.
     */
    private static void shrinkingHeap() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (hotspot == null || !hotspot.getVMOption("UseG1GC").getValue().equals("true")) {
            return;
        }
        if (hotspot.getVMOption("G1PeriodicGCInterval").getOrigin() == com.sun.management.VMOption.Origin.DEFAULT) {
            hotspot.setVMOption("G1PeriodicGCInterval", PERIODIC_GC_MILLIS);
        }
        if (hotspot.getVMOption("MaxHeapFreeRatio").getOrigin() == com.sun.management.VMOption.Origin.DEFAULT) {
            hotspot.setVMOption("MinHeapFreeRatio", "10");
            hotspot.setVMOption("MaxHeapFreeRatio", "30");
        }
    }
}
