package lab.reptile.model;

/** Validation MSE after 8 inner steps, measured when {@code tasksDone} tasks had been trained on. */
public record ValidationPoint(long tasksDone, double mseAt8) {
}
