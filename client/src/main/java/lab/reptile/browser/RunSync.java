package lab.reptile.browser;

import java.util.List;

import lab.reptile.model.WeightsFile;

/**
 * The page's side of the lab's runs: lists them, fetches the chosen run's detail (again every
 * {@link Timer#RUN_POLL} while it trains and the page follows it), loads the weights of the timeline's position (a
 * snapshot, or the run's newest weights at the live end), replays the timeline one {@link Timer#REPLAY} per
 * position, and starts runs.
 */
final class RunSync {
    private final LabPage page;
    private final Backend backend;
    private final Timers timers;
    private final RunsPanel runs;
    /** A position asked for before the chosen run's timeline arrived (a shared URL), or -1. */
    private int wanted = -1;
    /** When ({@link Timers#now()}) a refused start may be tried again. */
    private long retryAt;

    RunSync(LabPage page, Backend backend, Timers timers, RunsPanel runs) {
        this.page = page;
        this.backend = backend;
        this.timers = timers;
        this.runs = runs;
    }

    void listRuns() {
        backend.listRuns(new Backend.RunsAnswer() {
            @Override
            public void runs(List<RunSummary> list) {
                runs.setRuns(list);
                page.runsListed();
                page.redraw();
            }

            @Override
            public void failed(String message) {
                runs.say(message);
                page.redraw();
            }
        });
    }

    /** Picks run {@code id}, shows its newest weights and, once its timeline arrives, {@code position} (-1: the end). */
    void choose(String id, int position) {
        timers.cancel(Timer.REPLAY);
        timers.cancel(Timer.RUN_POLL);
        runs.choose(id);
        wanted = position;
        fetchDetail();
        if (position < 0) {
            page.refreshWeights();
        }
    }

    void fetchDetail() {
        String id = runs.chosen();
        backend.fetchRun(id, new Backend.RunAnswer() {
            @Override
            public void detail(RunDetail detail) {
                if (!id.equals(runs.chosen())) {
                    return; // the visitor picked another run meanwhile
                }
                runs.setDetail(detail);
                page.runDetailed(detail);
                if (wanted >= 0) {
                    moveTo(Math.min(wanted, detail.snapshots() - 1));
                    wanted = -1;
                } else if (runs.atLiveEnd() && runs.follow()) {
                    page.refreshWeights();
                }
                if (detail.summary().live() && runs.follow()) {
                    timers.start(Timer.RUN_POLL, RunSync.this::fetchDetail);
                } else if (!detail.summary().live()) {
                    listRuns(); // its state in the picker changed
                }
                page.redraw();
            }

            @Override
            public void failed(String message) {
                runs.say(message);
                if (runs.follow()) {
                    timers.start(Timer.RUN_POLL, RunSync.this::fetchDetail);
                }
                page.redraw();
            }
        });
    }

    /** Moves the timeline to {@code index} and adapts at once from that position's weights. */
    void moveTo(int index) {
        runs.setPosition(index);
        RunDetail detail = runs.detail();
        if (detail == null) {
            return;
        }
        if (runs.atLiveEnd()) {
            page.refreshWeights();
            return;
        }
        int at = runs.position();
        String url = detail.timelineUrls()[at];
        backend.fetchSnapshot(url, new ServerApi.WeightsHandler() {
            @Override
            public void fresh(WeightsFile file) {
                if (runs.detail() == detail && runs.position() == at) {
                    page.useWeights(file, false);
                }
                if (runs.replaying()) {
                    timers.start(Timer.REPLAY, RunSync.this::nextReplayFrame);
                }
                page.redraw();
            }

            @Override
            public void failed(int status, String message) {
                runs.setReplaying(false);
                runs.say(message);
                page.redraw();
            }
        });
    }

    /** Plays the timeline from its first position to its last, adapting at each. */
    void replay() {
        if (runs.detail() == null) {
            return;
        }
        runs.setReplaying(true);
        moveTo(0);
    }

    void stopReplay() {
        timers.cancel(Timer.REPLAY);
        runs.setReplaying(false);
    }

    private void nextReplayFrame() {
        int next = runs.position() + 1;
        if (runs.detail() == null || next >= runs.detail().snapshots()) {
            runs.setReplaying(false);
            return;
        }
        if (next == runs.detail().snapshots() - 1) {
            runs.setReplaying(false); // the last position: nothing follows it
        }
        moveTo(next);
    }

    void setFollow(boolean on) {
        runs.setFollow(on);
        if (on) {
            fetchDetail();
        } else {
            timers.cancel(Timer.RUN_POLL);
        }
    }

    /**
     * Sends a start request; an accepted run is listed, chosen and followed, a refusal shows the server's reason and
     * counts down its Retry-After, if any.
     */
    void start(String json) {
        timers.cancel(Timer.RETRY_TICK);
        runs.newAttempt("Starting a run…");
        backend.startRun(json, new Backend.StartAnswer() {
            @Override
            public void accepted(RunSummary run) {
                runs.setFollow(true);
                listRuns();
                choose(run.id(), -1);
                runs.say(run.statusLine());
                page.redraw();
            }

            @Override
            public void refused(String reason, long retryAfterSeconds) {
                runs.refused(reason, retryAfterSeconds);
                if (retryAfterSeconds > 0) {
                    retryAt = timers.now() + 1000 * retryAfterSeconds;
                    timers.start(Timer.RETRY_TICK, RunSync.this::countDownRetry);
                }
                page.redraw();
            }
        });
    }

    private void countDownRetry() {
        long left = (retryAt - timers.now() + 999) / 1000;
        runs.retryIn(left);
        if (left > 0) {
            timers.start(Timer.RETRY_TICK, this::countDownRetry);
        }
    }
}
