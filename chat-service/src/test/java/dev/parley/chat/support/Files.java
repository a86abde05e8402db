package dev.parley.chat.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.lessThan;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import javax.imageio.ImageIO;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Files for the attachment tests, and the upload steps a client takes. */
public final class Files {

    private Files() {
    }

    /** A PNG of the given size, drawn so it is not blank. */
    public static byte[] png(int width, int height) {
        return image(width, height, "png");
    }

    /** A JPEG of the given size. */
    public static byte[] jpeg(int width, int height) {
        return image(width, height, "jpg");
    }

    private static byte[] image(int width, int height, String format) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Declares an upload; answers the ticket (201). */
    public static JsonPath declare(Chat user, long conversation, String filename, String type, long size) {
        return user.request().body(Map.of("conversation_id", conversation, "filename", filename, "content_type", type,
                "size", size)).post("/v1/uploads").then().statusCode(201).extract().jsonPath();
    }

    /** PUTs the bytes as the ticket says. */
    public static Response put(JsonPath ticket, byte[] bytes) {
        RequestSpecification request = raw().body(bytes);
        Map<String, String> headers = ticket.getMap("headers");
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("host")) {
                request.header(name, value);
            }
        });
        return request.request(ticket.getString("method"), absolute(ticket.getString("upload_url")));
    }

    /** Declares, uploads and completes a file; answers the completed upload's id. */
    public static long uploaded(Chat user, long conversation, String filename, String type, byte[] bytes) {
        JsonPath ticket = declare(user, conversation, filename, type, bytes.length);
        put(ticket, bytes).then().statusCode(lessThan(300));
        long id = ticket.getLong("id");
        user.request().post("/v1/uploads/" + id + "/complete").then().statusCode(200);
        return id;
    }

    /** Follows a media route's redirect; answers the signed URL's response. */
    public static Response fetch(Chat user, String route) {
        String location = user.request().redirects().follow(false).get(route).then().statusCode(302).extract()
                .header("Location");
        return raw().get(absolute(location));
    }

    // Signed URLs are sent as they are: neither re-encoded nor given a charset the signature does not cover.
    private static RequestSpecification raw() {
        return given().redirects().follow(false).urlEncodingEnabled(false).config(RestAssuredConfig.config()
                .encoderConfig(
                        EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)));
    }

    /** A URL the store answered, made absolute against chat-service when it is relative. */
    public static String absolute(String url) {
        return url.startsWith("/") ? "http://localhost:" + RestAssured.port + url : url;
    }
}
