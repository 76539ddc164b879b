package lab.reptile.server.store;

import java.sql.SQLException;

/** The database could not be asked (down, unreachable, or a statement failed): nothing was changed. */
public final class StoreUnavailable extends RuntimeException {
    public StoreUnavailable(SQLException cause) {
        super("the database is unavailable: " + cause.getMessage(), cause);
    }
}
