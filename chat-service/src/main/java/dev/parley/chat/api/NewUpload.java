package dev.parley.chat.api;

/** Body of {@code POST /v1/uploads}: the file the client is about to upload into a conversation. */
public record NewUpload(Long conversationId, String filename, String contentType, Long size) {
}
