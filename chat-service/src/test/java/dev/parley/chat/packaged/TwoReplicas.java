package dev.parley.chat.packaged;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.parley.chat.support.Neighbours;

/**
 * Two chat-service replicas from the packaged artifact, on one database, with stubbed neighbours, for the tests of a
 * class: the first migrates the schema, the second starts on it.
 */
final class TwoReplicas implements BeforeAllCallback, AfterAllCallback {

    private ChatProcess first;
    private ChatProcess second;

    ChatProcess first() {
        return first;
    }

    ChatProcess second() {
        return second;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Neighbours.start();
        first = ChatProcess.start(true);
        second = ChatProcess.start(false);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        for (ChatProcess replica : new ChatProcess[]{first, second}) {
            if (replica != null) {
                replica.close();
            }
        }
        Neighbours.stop();
    }
}
