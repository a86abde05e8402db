package dev.parley.chat.api;

import java.time.Instant;
import java.util.Map;

/** Where to upload a file: {@code method} to {@code upload_url} with exactly these {@code headers}, before expiry. */
public record UploadTicket(long id, String uploadUrl, String method, Map<String, String> headers, Instant expiresAt) {
}
