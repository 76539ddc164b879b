package lab.reptile.browser;

/** The browser's view: one renderer per part of the page, each run when its part changed. */
final class PageView implements View {
    private final Runnable[] renderers = new Runnable[Changes.Part.values().length];

    /** Sets the renderer that draws {@code part}. */
    void on(Changes.Part part, Runnable renderer) {
        renderers[part.ordinal()] = renderer;
    }

    @Override
    public void render(Changes changed) {
        for (Changes.Part part : Changes.Part.values()) {
            if (changed.has(part)) {
                renderers[part.ordinal()].run();
            }
        }
    }
}
