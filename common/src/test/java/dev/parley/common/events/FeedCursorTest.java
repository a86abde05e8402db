package dev.parley.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.parley.common.error.ApiException;

class FeedCursorTest {

    @Test
    void aCursorReadsBackWhatItWrites() {
        FeedCursor cursor = new FeedCursor(123456789012L);

        assertThat(FeedCursor.parse(cursor.toString())).isEqualTo(cursor);
        assertThat(cursor.toString()).isEqualTo("123456789012");
    }

    @Test
    void noCursorMeansTheStartOfTheFeed() {
        assertThat(FeedCursor.parse(null)).isEqualTo(FeedCursor.START);
        assertThat(FeedCursor.parse("")).isEqualTo(FeedCursor.START);
    }

    @Test
    void cursorsAreOrderedByPosition() {
        assertThat(new FeedCursor(10).isAfter(new FeedCursor(9))).isTrue();
        assertThat(new FeedCursor(9).isAfter(new FeedCursor(9))).isFalse();
        assertThat(FeedCursor.START.isAfter(new FeedCursor(1))).isFalse();
    }

    @Test
    void anythingElseIsABadRequest() {
        for (String bad : new String[]{"a", "1.2", "-1", "+1", " 1", "99999999999999999999"}) {
            assertThatThrownBy(() -> FeedCursor.parse(bad)).as(bad).isInstanceOf(ApiException.class)
                    .hasMessage("Invalid feed cursor");
        }
    }
}
