package lab.reptile.browser;

import java.util.HashMap;
import java.util.Map;

import lab.reptile.model.WeightsFile;

/**
 * The page's side of the server: asks for the meta-weights, the pretrained baseline and the training progress, and
 * decides what each answer changes. Each progress answer, good or bad, asks again after {@link Timer#TRAINING_POLL};
 * the baseline is fetched once, when a progress answer first says it is ready, so a healthy start-up asks for nothing
 * the server cannot give yet (no failed request in the console).
 */
final class ServerSync {
    private final LabPage page;
    private final Backend backend;
    private final Timers timers;
    /**
     * Each run's newest meta-weights as last sent: a 304 means "still these", which need not be the weights in use
     * (a timeline snapshot may have replaced them).
     */
    private final Map<String, WeightsFile> newest = new HashMap<>();
    /** The baseline has been asked for (once only: it never changes). */
    private boolean pretrainedAsked;

    ServerSync(LabPage page, Backend backend, Timers timers) {
        this.page = page;
        this.backend = backend;
        this.timers = timers;
    }

    /** Asks for run {@code run}'s newest meta-weights; {@code asked}: the visitor pressed the fetch button. */
    void fetchWeights(String run, boolean asked) {
        backend.fetchWeights(run, new MetaAnswer(run, asked));
    }

    void pollTraining() {
        backend.fetchStatus(new TrainingAnswer());
    }

    /**
     * New meta-weights replace the old and the adaptation runs again (at once while following a run live, animated
     * otherwise); they are dropped if the visitor has meanwhile picked another run or an older timeline position.
     * "Unchanged" brings back the run's newest weights if a snapshot had replaced them. A failure keeps the last good
     * ones.
     */
    private final class MetaAnswer implements ServerApi.WeightsHandler {
        private final String run;
        private final boolean asked;

        MetaAnswer(String run, boolean asked) {
            this.run = run;
            this.asked = asked;
        }

        @Override
        public void fresh(WeightsFile file) {
            newest.put(run, file);
            RunsPanel runs = page.runs();
            if (!run.equals(runs.chosen()) || !runs.atEnd()) {
                return;
            }
            page.messages().recover(Messages.Source.WEIGHTS);
            page.messages().say(loadedNote(file, run, runs));
            page.useWeights(file, !(runs.atLiveEnd() && runs.follow()));
            page.redraw();
        }

        @Override
        public void unchanged() {
            page.messages().recover(Messages.Source.WEIGHTS);
            RunsPanel runs = page.runs();
            WeightsFile file = newest.get(run);
            if (file != null && run.equals(runs.chosen()) && runs.atEnd() && page.weights().meta() != file) {
                fresh(file);
                return;
            }
            if (asked) {
                page.messages().say("Meta-weights unchanged: version " + page.weights().versionLabel()
                        + " is the newest.");
            }
            page.redraw();
        }

        @Override
        public void failed(int status, String message) {
            page.messages().fail(Messages.Source.WEIGHTS, message + page.weights().keeping());
            page.redraw();
        }
    }

    /** What the status line says of weights just loaded, naming the run unless it is the default one. */
    private static String loadedNote(WeightsFile file, String run, RunsPanel runs) {
        String of = RunsPanel.DEFAULT_RUN.equals(run) ? "" : " of " + runs.name(run);
        return file.metaIteration() == 0 ? "Loaded the untrained starting weights" + of + ": it has not trained yet."
                : "Loaded meta-weights version " + Numbers.grouped(file.version()) + of + ".";
    }

    /** The baseline joins the adaptation once it arrives; a failure (it was said to be ready) is not asked again. */
    private final class PretrainedAnswer implements ServerApi.WeightsHandler {
        @Override
        public void fresh(WeightsFile file) {
            page.adaptation().setPretrained(file);
            page.weights().pretrained(WeightsPanel.Pretrained.READY);
            page.rerun();
            page.redraw();
        }

        @Override
        public void failed(int status, String message) {
            page.weights().pretrained(WeightsPanel.Pretrained.UNAVAILABLE);
            page.redraw();
        }
    }

    /**
     * Progress replaces the last; a failure marks it stale and shows in the banner until a poll succeeds. Its
     * "pretrained" word sets the baseline's note until the baseline is asked for, which happens at the first "ready".
     */
    private final class TrainingAnswer implements ServerApi.StatusHandler {
        @Override
        public void pretrained(String word) {
            if (pretrainedAsked) {
                return;
            }
            switch (word) {
                case "ready" -> {
                    pretrainedAsked = true;
                    page.weights().pretrained(WeightsPanel.Pretrained.LOADING);
                    backend.fetchPretrained(new PretrainedAnswer());
                }
                case "training" -> page.weights().pretrained(WeightsPanel.Pretrained.TRAINING);
                default -> page.weights().pretrained(WeightsPanel.Pretrained.UNAVAILABLE);
            }
        }

        @Override
        public void status(TrainingProgress status, ProgressHistory history) {
            page.training().update(status, history);
            page.messages().recover(Messages.Source.TRAINING);
            timers.start(Timer.TRAINING_POLL, ServerSync.this::pollTraining);
            page.redraw();
        }

        @Override
        public void failed(String message) {
            page.training().markStale();
            page.messages().fail(Messages.Source.TRAINING, message);
            timers.start(Timer.TRAINING_POLL, ServerSync.this::pollTraining);
            page.redraw();
        }
    }
}
