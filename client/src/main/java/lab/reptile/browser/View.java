package lab.reptile.browser;

/** Draws the parts of the page that changed; the browser's renderers write the DOM and charts, tests record. */
public interface View {
    void render(Changes changed);
}
