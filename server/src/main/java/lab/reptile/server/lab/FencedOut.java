package lab.reptile.server.lab;

/** A worker's write refused: another execution of the run (a newer claim) holds it, or it was reset or deleted. */
final class FencedOut extends RuntimeException {
    FencedOut(RunId id, long fence) {
        super("run " + id + ": execution " + fence + " no longer holds it; its write changed nothing");
    }
}
