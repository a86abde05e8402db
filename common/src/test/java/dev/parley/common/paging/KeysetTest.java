package dev.parley.common.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.parley.common.error.ApiException;

class KeysetTest {

    private static final Instant NOON = Instant.parse("2026-01-02T12:00:00.123456Z");

    @Test
    void noCursorIsTheStartOfTheListWithNoCondition() {
        assertThat(Keyset.after(null)).isNull();
        assertThat(Keyset.after(" ")).isNull();
        assertThat(Keyset.condition(null, "createdAt", "id")).isEmpty();
        assertThat(Keyset.parameters(null, Map.of("user", 1L))).isEqualTo(Map.of("user", 1L));
    }

    @Test
    void aCursorContinuesAfterTheItemItWasMadeFrom() {
        Keyset position = Keyset.after(Keyset.cursorAfter(NOON, 42).encode());

        assertThat(position).isEqualTo(new Keyset(NOON, 42));
        assertThat(Keyset.condition(position, "createdAt", "id"))
                .isEqualTo(" and (createdAt < :keysetTime or (createdAt = :keysetTime and id < :keysetId))");
        assertThat(Keyset.parameters(position, Map.of("user", 1L)))
                .isEqualTo(Map.of("user", 1L, "keysetTime", NOON, "keysetId", 42L));
        assertThat(Keyset.orderBy("createdAt", "id")).isEqualTo(" order by createdAt desc, id desc");
    }

    @Test
    void aCursorOfAnotherShapeIsRefused() {
        assertThatThrownBy(() -> Keyset.after(Cursor.of("x").encode())).isInstanceOf(ApiException.class)
                .hasMessage("Invalid cursor");
        assertThatThrownBy(() -> Keyset.after(Cursor.of("yesterday", 3).encode())).isInstanceOf(ApiException.class)
                .hasMessage("Invalid cursor");
        assertThatThrownBy(() -> Keyset.after("%%%")).isInstanceOf(ApiException.class).hasMessage("Invalid cursor");
    }

    @Test
    void aCursorWhoseTimePostgresCannotStoreIsRefused() {
        for (String time : new String[]{"+200000-01-01T00:00:00Z", "-4000-01-01T00:00:00Z"}) {
            assertThatThrownBy(() -> Keyset.after(Cursor.of(time, 1).encode())).isInstanceOf(ApiException.class)
                    .hasMessage("Invalid cursor");
        }
    }
}
