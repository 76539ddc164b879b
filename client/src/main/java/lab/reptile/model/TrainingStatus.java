package lab.reptile.model;

import static lab.reptile.model.JsonFields.array;
import static lab.reptile.model.JsonFields.member;
import static lab.reptile.model.JsonFields.number;
import static lab.reptile.model.JsonFields.string;
import static lab.reptile.model.JsonFields.whole;

import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code GET /api/training} but its {@code config}: the server serialises this record's components as
 * the keys, and the page reads them back with {@link #read}, so the shape is written down once.
 *
 * @param state          running, paused, finished, diverged or failed
 * @param tasksPerSecond tasks (inner loops) trained per second, rounded to 0.1
 * @param version        the version of the latest published meta-weights
 * @param problem        why training stopped early, or null (then the key is left out)
 * @param history        the learning curve, oldest first
 */
public record TrainingStatus(String state, long metaIteration, long tasksDone, long tasksTotal,
                             double tasksPerSecond, long version, String problem, List<ValidationPoint> history) {
    private static final String TOP = "the training status";

    public TrainingStatus {
        history = List.copyOf(history);
    }

    /** Reads the body; a missing or mistyped key gets an IllegalArgumentException that names it. */
    public static TrainingStatus read(JsonTree root) {
        String state = string(member(root, "state", TOP), "state");
        long metaIteration = whole(member(root, "metaIteration", TOP), "metaIteration");
        long tasksDone = whole(member(root, "tasksDone", TOP), "tasksDone");
        long tasksTotal = whole(member(root, "tasksTotal", TOP), "tasksTotal");
        double tasksPerSecond = number(member(root, "tasksPerSecond", TOP), "tasksPerSecond");
        long version = whole(member(root, "version", TOP), "version");
        JsonTree problem = root.get("problem");
        JsonTree points = array(member(root, "history", TOP), "history");
        List<ValidationPoint> history = new ArrayList<>(points.length());
        for (int i = 0; i < points.length(); i++) {
            String where = "history[" + i + "]";
            history.add(new ValidationPoint(whole(member(points.at(i), "tasksDone", where), where + ".tasksDone"),
                    number(member(points.at(i), "mseAt8", where), where + ".mseAt8")));
        }
        return new TrainingStatus(state, metaIteration, tasksDone, tasksTotal, tasksPerSecond, version,
                problem == null ? null : string(problem, "problem"), history);
    }
}
