package dev.parley.account.support;

import javax.sql.DataSource;

import dev.parley.testing.Database;

/** The hits common's RateLimiter keeps in {@code account.rate_limits}: read, or moved back as if time had passed. */
public final class Limits {

    private Limits() {
    }

    /** Hits stored for the limit and subject, inside their window or not. */
    public static long hits(DataSource db, String limit, String subject) {
        return Database.count(db, "select cardinality(hits) from account.rate_limits where key = ?",
                limit + ":" + subject);
    }

    /** Moves every hit of the limit and subject back by the interval, e.g. {@code 16 minutes}. */
    public static void age(DataSource db, String limit, String subject, String interval) {
        Database.execute(db, "update account.rate_limits set hits = array(select h - cast(? as interval) "
                + "from unnest(hits) h order by h) where key = ?", interval, limit + ":" + subject);
    }
}
