package lab.reptile.server.cli;

/** Command-line entry point of the server (skeleton). */
public final class Main {
    public static void main(String[] args) {
    }
}
