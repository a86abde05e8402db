package dev.parley.e2e.support;

import static io.restassured.RestAssured.given;

import java.net.InetAddress;
import java.net.UnknownHostException;

import io.restassured.config.EncoderConfig;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import dev.parley.testing.StreamClient;

/** The product's one public address, the proxy on 127.0.0.1:8080: every client request goes through it. */
public final class FrontDoor {

    public static final String URL = "http://127.0.0.1:" + Product.FRONT_DOOR_PORT;
    public static final String STREAM = "ws://127.0.0.1:" + Product.FRONT_DOOR_PORT + "/v1/stream";

    // No request may hang a test: connect within 5 s, an answer within 15 s.
    private static final RestAssuredConfig CONFIG = RestAssuredConfig.config()
            .httpClient(HttpClientConfig.httpClientConfig()
                    .setParam("http.connection.timeout", 5_000)
                    .setParam("http.socket.timeout", 15_000));

    private FrontDoor() {
    }

    /**
     * The address the user's own device connects from, one of 127.0.0.0/8 chosen by user id: each user's load counts
     * against the proxy's limit per client address as a person's phone would, not together with every other test's.
     */
    public static InetAddress deviceOf(User user) {
        try {
            return InetAddress.getByAddress(new byte[]{127, 1, (byte) (user.id() / 250 % 250),
                    (byte) (user.id() % 250 + 1)});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An anonymous JSON request to the front door. */
    public static RequestSpecification request() {
        return given().config(CONFIG).baseUri(URL).contentType(ContentType.JSON);
    }

    /** A JSON request with {@code Authorization: Bearer <token>}. */
    public static RequestSpecification as(String accessToken) {
        return request().auth().oauth2(accessToken);
    }

    /** The user's event stream, connected with {@code Authorization: Bearer}. */
    public static StreamClient stream(User user) {
        return StreamClient.withHeader(URL, user.accessToken()).of(user.toString());
    }

    /** The user's event stream, connected the way browsers do, with the token in the query string. */
    public static StreamClient streamWithQueryToken(User user) {
        return StreamClient.withQueryToken(URL, user.accessToken()).of(user.toString());
    }

    /** For a signed URL the API answered: sent as it is, neither re-encoded nor given a charset it does not sign. */
    public static RequestSpecification signedUrl() {
        return given().urlEncodingEnabled(false).config(RestAssuredConfig.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)));
    }
}
