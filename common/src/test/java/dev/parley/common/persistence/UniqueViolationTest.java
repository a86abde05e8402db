package dev.parley.common.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UniqueViolationTest {

    private static final RuntimeException CLIENT_ID_TAKEN = new IllegalStateException("HR000062: could not insert",
            new RuntimeException("ERROR: duplicate key value violates unique constraint \"messages_client_id_key\" "
                    + "(23505)"));

    @Test
    void namesTheIndexAViolationHitAnywhereInTheCauses() {
        assertThat(UniqueViolation.indexOf(CLIENT_ID_TAKEN)).contains("messages_client_id_key");
    }

    @Test
    void matchesOnlyTheIndexItIsAskedAbout() {
        assertThat(UniqueViolation.of(CLIENT_ID_TAKEN, "messages_client_id_key")).isTrue();
        assertThat(UniqueViolation.of(CLIENT_ID_TAKEN, "messages_seq_key")).isFalse();
    }

    @Test
    void otherFailuresAreNoViolation() {
        assertThat(UniqueViolation.indexOf(new RuntimeException(
                "ERROR: null value in column \"body\" violates not-null constraint (23502)"))).isEmpty();
        assertThat(UniqueViolation.indexOf(new NullPointerException())).isEmpty();
    }
}
