package lab.reptile.model;

/** One regression task: a function y(x) to fit from a few points. */
public interface Task {
    double y(double x);
}
