package lab.reptile.model;

/** y = amplitude · sin(x + phase). */
public record SineTask(double amplitude, double phase) implements Task {
    @Override
    public double y(double x) {
        return amplitude * Math.sin(x + phase);
    }
}
