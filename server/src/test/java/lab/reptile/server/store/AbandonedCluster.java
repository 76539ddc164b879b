package lab.reptile.server.store;

import java.nio.file.Path;

/** A JVM that starts a cluster, prints its URL and exits without closing it: only the shutdown hook stops it. */
final class AbandonedCluster {
    private AbandonedCluster() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(PostgresCluster.start(Path.of(args[0])).jdbcUrl());
    }
}
