package lab.reptile.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test utility {@link PostgresCluster} against the real PostgreSQL JDBC driver: data, outages, clean-up. */
class PostgresClusterIT {
    private static final Duration QUICKLY = Duration.ofSeconds(5); // a refused connection takes milliseconds

    @TempDir
    Path dir;
    private PostgresCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = PostgresCluster.start(dir);
    }

    @AfterEach
    void close() throws Exception {
        cluster.close();
    }

    @Test
    void aCommittedRowSurvivesAStopAndARestartOnTheSamePort() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("CREATE TABLE runs (id TEXT PRIMARY KEY, tasks INTEGER NOT NULL)");
            s.execute("INSERT INTO runs VALUES ('default', 30000)");
            c.commit();
        }
        cluster.stop();
        cluster.restart();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT id, tasks FROM runs")) {
            assertTrue(row.next(), "the committed row is back");
            assertEquals("default", row.getString("id"));
            assertEquals(30000, row.getInt("tasks"));
            assertFalse(row.next());
        }
    }

    @Test
    void whileStoppedConnectionsFailQuicklyWithAnSqlException() throws Exception {
        try (Connection open = connect(); Statement s = open.createStatement()) {
            cluster.stop();
            assertTimeoutPreemptively(QUICKLY, () -> assertThrows(SQLException.class, () -> s.execute("SELECT 1")),
                    "a session open at the stop is cut");
        }
        SQLException refused = assertTimeoutPreemptively(QUICKLY, () -> assertThrows(SQLException.class,
                this::connect), "a new connection is refused");
        // SQLSTATE class 08, connection exception: what a store would treat as "the database is down".
        assertTrue(refused.getSQLState().startsWith("08"), refused.getSQLState() + ": " + refused.getMessage());
        cluster.restart();
        try (Connection c = connect()) {
            assertTrue(c.isValid(5));
        }
    }

    @Test
    void closeStopsTheServerAndRemovesItsFiles() throws Exception {
        cluster.close();
        assertThrows(SQLException.class, this::connect);
        assertFalse(Files.exists(dir.resolve("postgres")));
    }

    @Test
    void aJvmThatExitsWithoutClosingItsClusterLeavesNoServerRunning() throws Exception {
        Path childDir = Files.createDirectory(dir.resolve("child"));
        Path output = dir.resolve("child.out");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), AbandonedCluster.class.getName(), childDir.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM exits");
        List<String> lines = Files.readAllLines(output);
        assertEquals(0, child.exitValue(), String.join("\n", lines));
        String url = lines.get(0);
        assertTrue(url.startsWith("jdbc:postgresql://"), String.join("\n", lines));
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url, cluster.user(), ""),
                "the child's server is gone");
        assertFalse(Files.exists(childDir.resolve("postgres/data/postmaster.pid")), "its server shut down");
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(cluster.jdbcUrl(), cluster.user(), "");
    }
}
