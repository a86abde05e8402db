package dev.parley.chat.api;

/**
 * A file attached to a message. {@code url} and {@code thumbnail_url} (images only) are chat-service routes that
 * answer members of the conversation with a redirect to a short-lived signed URL.
 */
public record AttachmentView(long id, String filename, String contentType, long size, Integer width,
        Integer height, String url, String thumbnailUrl) {

    /** The attachment's routes, from what is stored about it. */
    public static AttachmentView of(long id, String filename, String contentType, long size, Integer width,
            Integer height, boolean thumbnail) {
        return new AttachmentView(id, filename, contentType, size, width, height, "/v1/media/" + id,
                thumbnail ? "/v1/media/" + id + "/thumbnail" : null);
    }
}
