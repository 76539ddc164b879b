package lab.reptile.server.e2e;

import java.time.Duration;
import lab.reptile.model.NetShape;
import lab.reptile.server.Await;
import lab.reptile.server.TestLab;
import lab.reptile.server.baseline.PretrainConfig;
import lab.reptile.server.baseline.PretrainedBaseline;
import lab.reptile.server.http.ReptileServer;
import lab.reptile.server.http.ServerOptions;
import lab.reptile.server.lab.RunState;

/**
 * What the browser tests open the page on: a lab training its default run, a pretrained baseline training beside
 * it, and the server over both on a free loopback port. Closing it stops the server, then the lab.
 */
final class ServedLab implements AutoCloseable {
    private final TestLab runner;
    private final PretrainedBaseline baseline;
    private final ReptileServer server;

    private ServedLab(TestLab runner, PretrainConfig pretrain) {
        this.runner = runner;
        this.baseline = PretrainedBaseline.start(pretrain, NetShape.STANDARD);
        this.server = new ReptileServer(new ServerOptions("127.0.0.1", 0, null), runner.lab(), baseline).start();
        runner.start();
    }

    /** Serves {@code runner}'s lab and starts its training and the baseline's. */
    static ServedLab start(TestLab runner, PretrainConfig pretrain) {
        return new ServedLab(runner, pretrain);
    }

    TestLab runner() {
        return runner;
    }

    PretrainedBaseline baseline() {
        return baseline;
    }

    /** The page's URL. */
    String url() {
        return "http://127.0.0.1:" + server.port() + "/";
    }

    /** Waits up to 3 minutes for the default run to finish. */
    void awaitRunFinished() throws Exception {
        Await.until("the default run to finish", Duration.ofMinutes(3), runner::view,
                v -> v.state() == RunState.FINISHED);
    }

    @Override
    public void close() {
        server.close();
        runner.close();
    }
}
