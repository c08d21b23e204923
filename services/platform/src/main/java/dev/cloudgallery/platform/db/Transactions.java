package dev.cloudgallery.platform.db;

import java.util.function.Function;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbTransaction;

/** Runs work in one database transaction: committed when it returns, rolled back when it throws. */
public final class Transactions {
    private Transactions() {
    }

    public static <T> T inTransaction(DbClient db, Function<DbTransaction, T> work) {
        DbTransaction tx = db.transaction();
        boolean ended = false;
        try {
            T result = work.apply(tx);
            // Helidon counts the transaction as ended before the commit reaches the database: a commit that fails
            // must not be followed by a rollback, whose own error would hide the commit's.
            ended = true;
            tx.commit();
            return result;
        } catch (RuntimeException e) {
            if (!ended) {
                try {
                    tx.rollback();
                } catch (RuntimeException rollback) {
                    e.addSuppressed(rollback);
                }
            }
            throw e;
        }
    }
}
