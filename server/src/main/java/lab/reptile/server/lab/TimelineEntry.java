package lab.reptile.server.lab;

/**
 * One kept snapshot of a run's meta-weights; its bytes live in the run's directory and never change.
 *
 * @param index     position in the run's timeline, 0 for the initial weights
 * @param etag      quoted strong ETag derived from the bytes
 * @param sizeBytes length of the {@code reptile-mlp-v1} JSON
 */
public record TimelineEntry(int index, long metaIteration, long tasksDone, String etag, long sizeBytes) {
}
