package lab.reptile.browser;

/** Entry point of the browser app (placeholder until the client issue wires the page). */
public final class Main {
    public static void main(String[] args) {
    }
}
