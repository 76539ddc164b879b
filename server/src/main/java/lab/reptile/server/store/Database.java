package lab.reptile.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab's database: a HikariCP pool over a JDBC URL, migrated by Flyway (db/migration in the jar) when opened.
 * Embedded H2 in the data dir by default (nothing to install; one process only), PostgreSQL for many machines.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** A connection attempt gives up after this long, so a stopped database is an error, not a hang. */
    private static final long CONNECT_TIMEOUT_MILLIS = 3_000;

    private final HikariDataSource pool;
    private final String url;

    private Database(HikariDataSource pool, String url) {
        this.pool = pool;
        this.url = url;
    }

    /**
     * The embedded default: {@code <dataDir>/lab.mv.db}. Every commit is written to the file before it returns
     * (WRITE_DELAY=0), so a committed checkpoint survives the process being killed; the file is locked, so a
     * second process opening it gets {@link #open}'s error.
     */
    public static String embeddedUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("lab") + ";WRITE_DELAY=0";
    }

    /** Opens and migrates the database at {@code url}; an IllegalStateException that says what to do otherwise. */
    public static Database open(String url, String user, String password) {
        String jdbcUrl = url.startsWith("jdbc:h2:file:") && !url.contains("WRITE_DELAY") ? url + ";WRITE_DELAY=0" : url;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECT_TIMEOUT_MILLIS);
        config.setInitializationFailTimeout(CONNECT_TIMEOUT_MILLIS);
        config.setPoolName("reptile-db");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException(openError(url, e), e);
        }
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new IllegalStateException("cannot migrate the database at " + url + ": " + e.getMessage(), e);
        }
        LOG.info("database {} open and migrated", url);
        return new Database(pool, url);
    }

    private static String openError(String url, RuntimeException e) {
        String causes = messages(e);
        if (url.startsWith("jdbc:h2:") && causes.contains("already in use")) {
            return "the embedded database " + url + " is open in another process: embedded H2 serves one process"
                    + " only; to run several processes (web replicas, workers), use PostgreSQL with --db"
                    + " jdbc:postgresql://host:port/db";
        }
        return "cannot open the database at " + url + ": " + causes;
    }

    private static String messages(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                text.append(text.length() == 0 ? "" : ": ").append(t.getMessage());
            }
        }
        return text.toString();
    }

    public DataSource dataSource() {
        return pool;
    }

    public String url() {
        return url;
    }

    /** True if a connection answers a trivial query within the connect timeout. */
    public boolean reachable() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid((int) (CONNECT_TIMEOUT_MILLIS / 1000));
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
