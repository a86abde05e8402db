package dev.parley.benchmark;

/** A verified, logged-in user of the run. */
record User(long id, String email, String accessToken) {
}
