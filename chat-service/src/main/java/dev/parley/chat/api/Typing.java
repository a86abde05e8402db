package dev.parley.chat.api;

/** What a typing event tells the other members: who types, and for how long to show it without another event. */
public record Typing(long userId, long expiresInMs) {
}
