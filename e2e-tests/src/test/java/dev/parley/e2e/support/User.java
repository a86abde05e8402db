package dev.parley.e2e.support;

import io.restassured.specification.RequestSpecification;

/** A registered, verified, logged-in user of the product, as a client holds it. */
public record User(long id, String email, String username, String accessToken, String refreshToken) {

    /** A JSON request to the front door with this user's access token. */
    public RequestSpecification request() {
        return FrontDoor.as(accessToken);
    }

    @Override
    public String toString() {
        return username + " (" + id + ")";
    }
}
