package dev.parley.account.api;

/** What a login or refresh answers: a short-lived access token and the refresh token that replaces it. */
public record TokenPair(String accessToken, String tokenType, long expiresIn, String refreshToken) {

    public static TokenPair bearer(String accessToken, long expiresInSeconds, String refreshToken) {
        return new TokenPair(accessToken, "Bearer", expiresInSeconds, refreshToken);
    }
}
