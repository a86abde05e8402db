package dev.parley.common.time;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The current instant at the precision PostgreSQL stores (microseconds), so a timestamp reads back exactly as it was
 * first answered.
 */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
