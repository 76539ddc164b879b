package lab.reptile.browser;

/** The browser's view: the renderers of each part of the page, run in the order added when their part changed. */
final class PageView implements View {
    private final Runnable[] renderers = new Runnable[Changes.Part.values().length];

    /** Adds a renderer that draws (something derived from) {@code part}. */
    void on(Changes.Part part, Runnable renderer) {
        Runnable before = renderers[part.ordinal()];
        renderers[part.ordinal()] = before == null ? renderer : () -> {
            before.run();
            renderer.run();
        };
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
