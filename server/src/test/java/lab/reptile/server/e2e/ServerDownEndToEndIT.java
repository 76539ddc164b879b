package lab.reptile.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lab.reptile.model.NetShape;
import lab.reptile.model.ReptileConfig;
import lab.reptile.model.ReptileTrainer;
import lab.reptile.server.http.ReptileServer;
import lab.reptile.server.http.ServerOptions;
import lab.reptile.server.TestLab;
import org.junit.jupiter.api.Test;

/** When the server goes away the page says so in its banner and keeps adapting with the weights it has. */
class ServerDownEndToEndIT {
    @Test
    void showsTheBannerAndKeepsWorkingWhenTheServerStops() throws Exception {
        TestLab runner = TestLab.plain(ReptileConfig.reference().withTasks(200));
        ReptileServer server = new ReptileServer(new ServerOptions("127.0.0.1", 0, null), runner.lab()).start();
        runner.start();
        try (Browser browser = new Browser()) {
            browser.open("http://127.0.0.1:" + server.port() + "/");
            String iteration = browser.byTestId("meta-iteration").getText();
            server.close();
            runner.close();

            browser.click("fetch-weights");
            browser.waitFor("the banner", "return !document.querySelector('[data-testid=error]').hidden");
            assertTrue(browser.byTestId("error").getText().startsWith("Server unreachable"),
                    browser.byTestId("error").getText());
            assertEquals(iteration, browser.byTestId("meta-iteration").getText());

            browser.click("random-sine");
            browser.awaitAdapted();
            assertEquals(201, browser.dataset("adapted").length);
        }
    }
}
