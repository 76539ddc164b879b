package lab.reptile.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lab.reptile.jackson.JacksonTree;
import org.junit.jupiter.api.Test;

class ServerErrorTest {
    @Test
    void statusZeroMeansUnreachable() {
        assertEquals("Server unreachable: could not load the meta-weights.",
                ServerError.message("the meta-weights", 0, null));
    }

    @Test
    void quotesTheServersJsonErrorMessage() {
        assertEquals("Server answered 404 for the training status: no such route.", ServerError.message(
                "the training status", 404, JacksonTree.parse("{\"error\":\"no such route\"}")));
    }

    @Test
    void worksWithoutAJsonBody() {
        assertEquals("Server answered 502 for the meta-weights.", ServerError.message("the meta-weights", 502, null));
        assertEquals("Server answered 500 for the meta-weights.",
                ServerError.message("the meta-weights", 500, JacksonTree.parse("[1]")));
    }
}
