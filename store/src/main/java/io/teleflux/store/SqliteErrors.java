package io.teleflux.store;

import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlite.SQLiteException;

/** Maps SQLite result codes to the store's typed exceptions. */
final class SqliteErrors {

    private SqliteErrors() {
    }

    static StoreException map(String what, Path file, SQLException e) {
        String message = what + " on " + file + ": " + e.getMessage();
        if (e instanceof SQLiteException s) {
            String code = s.getResultCode().name();
            if (code.startsWith("SQLITE_FULL")) {
                return new StoreFullException(message, e);
            }
            if (code.startsWith("SQLITE_READONLY") || code.startsWith("SQLITE_CANTOPEN")
                    || code.startsWith("SQLITE_PERM") || code.startsWith("SQLITE_AUTH")) {
                return new StoreReadOnlyException(message, e);
            }
        }
        return new StoreException(message, e);
    }
}
