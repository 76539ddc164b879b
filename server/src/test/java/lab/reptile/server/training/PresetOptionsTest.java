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
import lab.reptile.model.ReptileConfig;
import org.junit.jupiter.api.Test;

/**
 * The page's run form offers exactly the server's presets, in their order, after "your settings", and its fields
 * start at the default run's settings.
 */
class PresetOptionsTest {
    @Test
    void thePresetSelectListsEveryPresetAndNothingElse() throws Exception {
        String page = page();
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

    @Test
    void theFormsFieldsStartAtTheDefaultRunsSettings() throws Exception {
        String page = page();
        ReptileConfig defaults = TrainingDefaults.config();
        assertEquals(defaults.seed(), Long.parseLong(value(page, "run-seed")));
        assertEquals(defaults.tasks(), Integer.parseInt(value(page, "run-tasks")));
        assertEquals(defaults.outerStepStart(), Double.parseDouble(value(page, "run-outer-step")));
        assertEquals(defaults.innerLr(), Double.parseDouble(value(page, "run-inner-lr")));
        assertEquals(defaults.innerBatchSize(), Integer.parseInt(value(page, "run-inner-batch")));
        assertEquals(defaults.innerEpochs(), Integer.parseInt(value(page, "run-inner-epochs")));
        assertEquals(defaults.metaBatchSize(), Integer.parseInt(value(page, "run-meta-batch")));
    }

    private static String value(String page, String testId) {
        Matcher input = Pattern.compile("data-testid=\"" + testId + "\" value=\"([^\"]*)\"").matcher(page);
        assertTrue(input.find(), "the form has " + testId);
        return input.group(1);
    }

    private static String page() throws Exception {
        try (InputStream in = PresetOptionsTest.class.getResourceAsStream("/web/static/index.html")) {
            assertNotNull(in, "the page is on the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
