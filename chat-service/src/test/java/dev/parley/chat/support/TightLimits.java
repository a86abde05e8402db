package dev.parley.chat.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Limits small enough for tests to reach: answers of 16 KiB. */
public class TightLimits implements QuarkusTestProfile {

    public static final int ANSWER_BYTES = 16384;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("parley.sync.max-bytes", Integer.toString(ANSWER_BYTES),
                "parley.messages.max-page-bytes", Integer.toString(ANSWER_BYTES));
    }
}
