package dev.parley.chat.api;

import java.time.Instant;

/** A registered device as its owner sees it; never its token. */
public record DeviceView(String deviceId, String platform, String appId, Instant createdAt, Instant lastUsedAt) {
}
