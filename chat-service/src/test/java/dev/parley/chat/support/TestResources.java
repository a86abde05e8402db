package dev.parley.chat.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Test resources every chat-service test runs with. */
@QuarkusTestResource(StubbedNeighbours.class)
@QuarkusTestResource(PushStandIns.class)
public final class TestResources {

    private TestResources() {
    }
}
