package lab.reptile.server.lab;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The runs waiting to train, first come first served, and the runs being trained. Not thread-safe: the
 * {@link Lab} uses it under its lock.
 */
final class RunQueue {
    private final Deque<Run> waiting = new ArrayDeque<>();
    private final Set<Run> training = new HashSet<>();

    void addLast(Run run) {
        waiting.addLast(run);
    }

    /** For a run that was already waiting or training before (a resume, a reset default run). */
    void addFirst(Run run) {
        waiting.addFirst(run);
    }

    /** Moves the next waiting run to training; null if none waits. */
    Run startNext() {
        Run run = waiting.pollFirst();
        if (run != null) {
            training.add(run);
        }
        return run;
    }

    void doneTraining(Run run) {
        training.remove(run);
    }

    boolean remove(Run run) {
        return waiting.remove(run);
    }

    boolean isWaiting(Run run) {
        return waiting.contains(run);
    }

    boolean isTraining(Run run) {
        return training.contains(run);
    }

    boolean hasWaiting() {
        return !waiting.isEmpty();
    }

    int length() {
        return waiting.size();
    }

    /** 1 for the next run to train, or 0 if {@code run} is not waiting. */
    int position(Run run) {
        int position = 1;
        for (Run other : waiting) {
            if (other == run) {
                return position;
            }
            position++;
        }
        return 0;
    }

    List<Run> waitingRuns() {
        return new ArrayList<>(waiting);
    }
}
