package dev.parley.chat.client.storage;

/** An object read by key that the store does not have. */
public class MissingObject extends RuntimeException {

    public MissingObject(String key) {
        super("No stored object " + key, null, false, false);
    }
}
