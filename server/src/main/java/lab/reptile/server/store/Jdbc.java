package lab.reptile.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Plain JDBC in a few shapes: a statement with positional parameters, a query mapped row by row, and a block run in
 * one transaction. Every SQLException becomes a {@link StoreUnavailable}: callers tell a database that is down from
 * a refusal by the type, and never see a half-done transaction (it is rolled back).
 */
public final class Jdbc {
    private final DataSource dataSource;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Reads one row of a result. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Work done on one connection in one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    /** A connection inside a transaction, with the same statement shapes. */
    public static final class Tx {
        private final Connection connection;

        Tx(Connection connection) {
            this.connection = connection;
        }

        public int update(String sql, Object... params) throws SQLException {
            try (PreparedStatement statement = prepare(connection, sql, params)) {
                return statement.executeUpdate();
            }
        }

        public <T> List<T> query(String sql, Row<T> row, Object... params) throws SQLException {
            try (PreparedStatement statement = prepare(connection, sql, params);
                 ResultSet result = statement.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (result.next()) {
                    rows.add(row.read(result));
                }
                return rows;
            }
        }

        /** The first row's value, or null if there is none. */
        public <T> T first(String sql, Row<T> row, Object... params) throws SQLException {
            List<T> rows = query(sql, row, params);
            return rows.isEmpty() ? null : rows.get(0);
        }
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(new Tx(connection));
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailable(e);
        }
    }

    public int update(String sql, Object... params) {
        return inTransaction(tx -> tx.update(sql, params));
    }

    public <T> List<T> query(String sql, Row<T> row, Object... params) {
        return inTransaction(tx -> tx.query(sql, row, params));
    }

    public <T> T first(String sql, Row<T> row, Object... params) {
        return inTransaction(tx -> tx.first(sql, row, params));
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object[] params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
        return statement;
    }
}
