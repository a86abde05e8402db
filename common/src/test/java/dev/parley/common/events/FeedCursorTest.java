package dev.parley.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.parley.common.error.ApiException;

class FeedCursorTest {

    @Test
    void aCursorReadsBackWhatItWrites() {
        FeedCursor cursor = new FeedCursor(123456789012L, 42);

        assertThat(FeedCursor.parse(cursor.toString())).isEqualTo(cursor);
        assertThat(cursor.toString()).isEqualTo("123456789012.42");
    }

    @Test
    void noCursorMeansTheStartOfTheFeed() {
        assertThat(FeedCursor.parse(null)).isEqualTo(FeedCursor.START);
        assertThat(FeedCursor.parse("")).isEqualTo(FeedCursor.START);
    }

    @Test
    void cursorsAreOrderedByTransactionFirstThenByPosition() {
        FeedCursor earlyTransactionLatePosition = new FeedCursor(100, 9);
        FeedCursor lateTransactionEarlyPosition = new FeedCursor(101, 5);

        assertThat(lateTransactionEarlyPosition.isAfter(earlyTransactionLatePosition)).isTrue();
        assertThat(new FeedCursor(100, 10).isAfter(earlyTransactionLatePosition)).isTrue();
        assertThat(earlyTransactionLatePosition.isAfter(earlyTransactionLatePosition)).isFalse();
    }

    @Test
    void anythingElseIsABadRequest() {
        for (String bad : new String[]{"12", "a.b", "1.", ".1", "-1.2", "1.-2", "1.2.3", "99999999999999999999.1"}) {
            assertThatThrownBy(() -> FeedCursor.parse(bad)).as(bad).isInstanceOf(ApiException.class)
                    .hasMessage("Invalid feed cursor");
        }
    }
}
