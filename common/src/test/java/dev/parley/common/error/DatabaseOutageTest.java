package dev.parley.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;

import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

    @Test
    void refusedConnectionsAnywhereInTheCausesAreAnOutage() {
        assertThat(DatabaseOutage.causedBy(new IllegalStateException("wrapped",
                new RuntimeException(new ConnectException("Connection refused"))))).isTrue();
    }

    @Test
    void aConnectionResetWhileTheServerStopsIsAnOutage() {
        assertThat(DatabaseOutage.causedBy(new IllegalStateException("HR000092: Unable to open a connection",
                new java.net.SocketException("Connection reset")))).isTrue();
    }

    @Test
    void aConnectionResetSeenByTheNativeTransportIsAnOutage() {
        assertThat(DatabaseOutage.causedBy(new IllegalStateException("HR000068: commit failed",
                new java.io.IOException("Connection reset by peer")))).isTrue();
        assertThat(DatabaseOutage.causedBy(new java.io.IOException("Broken pipe"))).isTrue();
        assertThat(DatabaseOutage.causedBy(new java.io.IOException("Stream closed by the client"))).isFalse();
    }

    @Test
    void serverShutdownAndStartupStatesAreAnOutage() {
        assertThat(DatabaseOutage.causedBy(new RuntimeException(
                "FATAL: terminating connection due to administrator command (57P01)"))).isTrue();
        assertThat(DatabaseOutage.causedBy(new RuntimeException(
                "FATAL: the database system is starting up (57P03)"))).isTrue();
        assertThat(DatabaseOutage.causedBy(new RuntimeException("connection failure (08006)"))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(DatabaseOutage.causedBy(new RuntimeException(
                "duplicate key value violates unique constraint (23505)"))).isFalse();
        assertThat(DatabaseOutage.causedBy(new NullPointerException())).isFalse();
    }
}
