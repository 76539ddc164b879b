package lab.reptile.server.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
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
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium driving the page through its data-testid hooks; given explicitly, nothing is downloaded. */
final class Browser implements AutoCloseable {
    private static final int MIN_WINDOW_WIDTH = 500;
    private final ChromeDriver driver;

    Browser() throws IOException {
        this(1280, 900);
    }

    /**
     * A browser whose viewport is width × height CSS pixels. Headless windows are at least 500 px wide, so a
     * narrower one is a phone emulated over DevTools: that width, touch input, the page's viewport meta honoured.
     */
    Browser(int width, int height) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=" + Math.max(width, MIN_WINDOW_WIDTH) + "," + height,
                "--user-data-dir=" + Files.createTempDirectory("reptile-chromium"));
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        if (width < MIN_WINDOW_WIDTH) {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", height, "deviceScaleFactor", 2, "mobile", true));
            driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true,
                    "maxTouchPoints", 5));
        }
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

    /** Resizes the window (for a full-page screenshot). */
    void resize(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
    }

    /** A new chain of mouse actions (perform it to send them). */
    Actions actions() {
        return new Actions(driver);
    }

    /** Taps the plot with a finger (a touch pointer) at data coordinates (x, y). */
    void tapPlotAt(double x, double y) {
        Number px = (Number) js("var r = reptileChart.canvas.getBoundingClientRect();"
                + "return r.left + reptileChart.scales.x.getPixelForValue(arguments[0])", x);
        Number py = (Number) js("var r = reptileChart.canvas.getBoundingClientRect();"
                + "return r.top + reptileChart.scales.y.getPixelForValue(arguments[0])", y);
        PointerInput finger = new PointerInput(PointerInput.Kind.TOUCH, "finger");
        Sequence tap = new Sequence(finger, 0)
                .addAction(finger.createPointerMove(Duration.ZERO, PointerInput.Origin.viewport(),
                        (int) Math.round(px.doubleValue()), (int) Math.round(py.doubleValue())))
                .addAction(finger.createPointerDown(PointerInput.MouseButton.LEFT.asArg()))
                .addAction(finger.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        driver.perform(List.of(tap));
    }

    /**
     * Swipes one finger over the page from viewport pixel (x, fromY) to (x, toY) in ten moves, as raw touch events
     * (DevTools' Input.dispatchTouchEvent), so the browser itself decides between scrolling and the page's handlers.
     */
    void swipe(double x, double fromY, double toY) {
        touch("touchStart", x, fromY);
        for (int i = 1; i <= 10; i++) {
            touch("touchMove", x, fromY + (toY - fromY) * i / 10);
        }
        driver.executeCdpCommand("Input.dispatchTouchEvent", Map.of("type", "touchEnd", "touchPoints", List.of()));
    }

    private void touch(String type, double x, double y) {
        driver.executeCdpCommand("Input.dispatchTouchEvent",
                Map.of("type", type, "touchPoints", List.of(Map.of("x", x, "y", y))));
    }

    /** Sends a DevTools command, e.g. Emulation.setDeviceMetricsOverride. */
    Map<String, Object> cdp(String command, Map<String, Object> params) {
        return driver.executeCdpCommand(command, params);
    }

    /** The {x, y} pairs of the main chart's dataset with this label, as [n][2]. */
    double[][] dataset(String label) {
        return dataset("reptileChart", label);
    }

    /** The {x, y} pairs of the dataset with this label in the chart exposed as {@code window[chart]}. */
    double[][] dataset(String chart, String label) {
        @SuppressWarnings("unchecked")
        List<List<Number>> pairs = (List<List<Number>>) js("return window[arguments[0]].data.datasets"
                + ".find(d => d.label === arguments[1]).data.map(p => [p.x, p.y])", chart, label);
        return pairs.stream().map(p -> new double[] {p.get(0).doubleValue(), p.get(1).doubleValue()})
                .toArray(double[][]::new);
    }

    /** True if the chart {@code window[chart]} draws its dataset with this label (not hidden by a toggle). */
    boolean visible(String chart, String label) {
        return Boolean.TRUE.equals(js("var c = window[arguments[0]];"
                + "return c.isDatasetVisible(c.data.datasets.findIndex(d => d.label === arguments[1]))", chart, label));
    }

    /** Waits until the adaptation's animation has reached its last step. */
    void awaitAdapted() {
        waitFor("the adaptation to finish",
                "return document.querySelector('[data-testid=mse]').dataset.state === 'done'");
    }

    void waitFor(String what, String condition) {
        // generous: the build machine is shared and noisy
        new WebDriverWait(driver, Duration.ofSeconds(60)).withMessage(what)
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

    /**
     * A PNG of the part of the page covering the elements matching {@code selectors} (CSS), plus a margin of 8 CSS
     * px, taken over DevTools so it may reach beyond the viewport.
     */
    void screenshotOf(Path target, String... selectors) throws IOException {
        @SuppressWarnings("unchecked")
        List<Number> box = (List<Number>) js("var r = arguments[0].map(s => document.querySelector(s)"
                + ".getBoundingClientRect());"
                + "var left = Math.min(...r.map(b => b.left)), top = Math.min(...r.map(b => b.top));"
                + "return [left + scrollX - 8, top + scrollY - 8, Math.max(...r.map(b => b.right)) - left + 16,"
                + " Math.max(...r.map(b => b.bottom)) - top + 16];", List.of(selectors));
        Map<String, Object> clip = Map.of("x", Math.max(0, box.get(0).doubleValue()),
                "y", Math.max(0, box.get(1).doubleValue()), "width", box.get(2).doubleValue(),
                "height", box.get(3).doubleValue(), "scale", 1);
        Map<String, Object> shot = cdp("Page.captureScreenshot", Map.of("format", "png",
                "clip", clip, "captureBeyondViewport", true));
        Files.createDirectories(target.getParent());
        Files.write(target, Base64.getDecoder().decode((String) shot.get("data")));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
