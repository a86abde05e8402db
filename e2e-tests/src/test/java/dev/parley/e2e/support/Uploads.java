package dev.parley.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import javax.imageio.ImageIO;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** A client's steps to upload a file: declare it, PUT it to the signed URL answered, complete it. */
public final class Uploads {

    private Uploads() {
    }

    /** Uploads and completes the file in the conversation; answers the upload's id. */
    public static long upload(User user, long conversation, String filename, String type, byte[] bytes) {
        JsonPath ticket = user.request().body(Map.of("conversation_id", conversation, "filename", filename,
                "content_type", type, "size", bytes.length)).post("/v1/uploads").then().statusCode(201).extract()
                .jsonPath();
        assertThat(ticket.getString("upload_url")).startsWith(Product.PUBLIC_URL + "/v1/store/");
        RequestSpecification put = FrontDoor.signedUrl().body(bytes);
        Map<String, String> headers = ticket.getMap("headers");
        // What the HTTP client sets itself is left to it.
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("host")) {
                put.header(name, value);
            }
        });
        put.put(ticket.getString("upload_url")).then().statusCode(204);
        long id = ticket.getLong("id");
        user.request().post("/v1/uploads/" + id + "/complete").then().statusCode(200);
        return id;
    }

    /** A PNG picture of the given size. */
    public static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.PINK);
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
