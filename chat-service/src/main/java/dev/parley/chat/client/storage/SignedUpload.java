package dev.parley.chat.client.storage;

import java.time.Instant;
import java.util.Map;

/** Where and how a client uploads one file: {@code method} to {@code url} with exactly these {@code headers}. */
public record SignedUpload(String url, String method, Map<String, String> headers, Instant expiresAt) {
}
