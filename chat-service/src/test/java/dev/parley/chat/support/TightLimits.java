package dev.parley.chat.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Limits small enough for tests to reach: answers of 16 KiB, 12 sockets per replica, 64 KiB queued per socket. The
 * send rate is out of the way: these tests fill sockets and answers as fast as one sender can.
 */
public class TightLimits implements QuarkusTestProfile {

    public static final int ANSWER_BYTES = 16384;
    public static final int SOCKETS = 12;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("parley.sync.max-bytes", Integer.toString(ANSWER_BYTES),
                "parley.messages.max-page-bytes", Integer.toString(ANSWER_BYTES),
                "parley.stream.max-sockets", Integer.toString(SOCKETS),
                "parley.stream.max-queued-bytes", "65536",
                "parley.messages.sends-per-second", "100000");
    }
}
