package dev.parley.chat.api;

/** A completed upload: its real type and size, and an image's width and height (null for other files). */
public record UploadView(long id, String status, String contentType, long size, Integer width, Integer height) {
}
