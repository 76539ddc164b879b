package lab.reptile.server.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium driving the page through its data-testid hooks; given explicitly, nothing is downloaded. */
final class Browser implements AutoCloseable {
    private final ChromeDriver driver;

    Browser() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900",
                "--user-data-dir=" + Files.createTempDirectory("reptile-chromium"));
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    void open(String url) {
        driver.get(url);
        waitFor("the meta-weights to load", "return document.querySelector('[data-testid=meta-iteration]')"
                + ".textContent !== '–' || !document.querySelector('[data-testid=error]').hidden");
    }

    WebElement byTestId(String testId) {
        return driver.findElement(By.cssSelector("[data-testid=\"" + testId + "\"]"));
    }

    void click(String testId) {
        byTestId(testId).click();
    }

    void type(String testId, String text) {
        WebElement input = byTestId(testId);
        input.clear();
        input.sendKeys(text);
    }

    /** Clicks the plot at data coordinates (x, y), mapped to pixels by the chart's own scales. */
    void clickPlotAt(double x, double y) {
        WebElement canvas = byTestId("plot");
        Number px = (Number) js("return reptileChart.scales.x.getPixelForValue(arguments[0])", x);
        Number py = (Number) js("return reptileChart.scales.y.getPixelForValue(arguments[0])", y);
        // Selenium 4 offsets are from the element's centre.
        int dx = (int) Math.round(px.doubleValue() - canvas.getRect().getWidth() / 2.0);
        int dy = (int) Math.round(py.doubleValue() - canvas.getRect().getHeight() / 2.0);
        new Actions(driver).moveToElement(canvas, dx, dy).click().perform();
    }

    /** The {x, y} pairs of the chart dataset with this label, as [n][2]. */
    double[][] dataset(String label) {
        @SuppressWarnings("unchecked")
        List<List<Number>> pairs = (List<List<Number>>) js("return reptileChart.data.datasets"
                + ".find(d => d.label === arguments[0]).data.map(p => [p.x, p.y])", label);
        return pairs.stream().map(p -> new double[] {p.get(0).doubleValue(), p.get(1).doubleValue()})
                .toArray(double[][]::new);
    }

    /** Waits until the adaptation's animation has reached its last step. */
    void awaitAdapted() {
        waitFor("the adaptation to finish",
                "return document.querySelector('[data-testid=mse]').dataset.state === 'done'");
    }

    void waitFor(String what, String condition) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).withMessage(what)
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(condition)));
    }

    Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** Console errors since the last call (Chromium logs failed requests as SEVERE too). */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).collect(Collectors.toList());
    }

    void screenshot(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
