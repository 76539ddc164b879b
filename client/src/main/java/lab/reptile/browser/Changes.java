package lab.reptile.browser;

import java.util.Arrays;

/** The parts of the page that one event changed, so the view redraws those and nothing else. */
public final class Changes {
    /** One part of the page: one state class owns it, one renderer draws it. */
    public enum Part {
        /** The clicked points, the true curve behind "Random sine", the point count. */
        POINTS,
        /** The adapted curves, the MSE chart, the step slider, the MSE readout and the comparison line. */
        ADAPTATION,
        /** The meta-weights' curve, iteration and version, and the pretrained net's note. */
        WEIGHTS,
        /** The progress bar, the progress line and the learning-curve chart. */
        TRAINING,
        /** The error banner and the status line. */
        MESSAGES,
        /** The run picker, the timeline, the run status, the report and the learning curves of the runs. */
        RUNS,
        /** The guided story: its step, text and highlighted control. */
        STORY
    }

    private final boolean[] changed = new boolean[Part.values().length];

    void mark(Part part) {
        changed[part.ordinal()] = true;
    }

    /** Marks every part, for the first drawing of the page. */
    void markAll() {
        for (Part part : Part.values()) {
            mark(part);
        }
    }

    public boolean has(Part part) {
        return changed[part.ordinal()];
    }

    public boolean isEmpty() {
        for (boolean part : changed) {
            if (part) {
                return false;
            }
        }
        return true;
    }

    void clear() {
        Arrays.fill(changed, false);
    }
}
