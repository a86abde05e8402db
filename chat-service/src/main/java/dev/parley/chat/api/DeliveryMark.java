package dev.parley.chat.api;

/** Body of {@code POST /v1/conversations/{id}/delivered}: the seq of the newest message the devices received. */
public record DeliveryMark(Long seq) {
}
