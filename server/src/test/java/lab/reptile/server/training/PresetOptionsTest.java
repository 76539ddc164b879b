package lab.reptile.server.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The page's run form offers exactly the server's presets, in their order, after "your settings". */
class PresetOptionsTest {
    @Test
    void thePresetSelectListsEveryPresetAndNothingElse() throws Exception {
        String page;
        try (InputStream in = PresetOptionsTest.class.getResourceAsStream("/web/static/index.html")) {
            assertNotNull(in, "the page is on the classpath");
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher select = Pattern.compile("<select data-testid=\"run-preset\">(.*?)</select>", Pattern.DOTALL)
                .matcher(page);
        assertTrue(select.find(), "the form has a preset select");
        List<String> values = new ArrayList<>();
        Matcher option = Pattern.compile("<option value=\"([^\"]*)\">").matcher(select.group(1));
        while (option.find()) {
            values.add(option.group(1));
        }
        List<String> expected = new ArrayList<>(List.of(""));
        Presets.names().forEach(expected::add);
        assertEquals(expected, values);
    }
}
