package dev.parley.chat.service.media;

import dev.parley.common.error.ApiException;

/**
 * An uploaded image that will not be decoded: not an image of its type, damaged, or larger than
 * {@link ImageFiles#MAX_PIXELS} pixels. A client error (400), with a message fit for the client.
 */
public class UnreadableImage extends ApiException {

    private static final long serialVersionUID = 1L;

    public UnreadableImage(String message) {
        super(400, message);
    }
}
