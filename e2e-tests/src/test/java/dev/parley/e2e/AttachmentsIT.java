package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import dev.parley.e2e.support.EndToEnd;
import dev.parley.e2e.support.FrontDoor;
import dev.parley.e2e.support.Product;
import dev.parley.e2e.support.Social;
import dev.parley.e2e.support.User;
import dev.parley.e2e.support.Users;

/**
 * A photo through the front door with the built-in store, as under {@code scripts/run.sh}: declared, PUT to the
 * signed URL the API answered, completed, sent in a message, and fetched back by the friend through the media route's
 * redirect and its signed URL, all on :8080.
 */
@EndToEnd
class AttachmentsIT {

    @Test
    void aPhotoSentByOneFriendIsFetchedByTheOther() throws Exception {
        User ann = Users.verifiedUser("ann");
        User bob = Users.verifiedUser("bob");
        Social.befriend(ann, bob);
        long direct = Social.direct(ann, bob);
        byte[] photo = photo();

        JsonPath ticket = ann.request().body(Map.of("conversation_id", direct, "filename", "sunset.png",
                "content_type", "image/png", "size", photo.length)).post("/v1/uploads").then().statusCode(201)
                .extract().jsonPath();
        assertThat(ticket.getString("upload_url")).startsWith(Product.PUBLIC_URL + "/v1/store/");
        RequestSpecification put = FrontDoor.signedUrl().body(photo);
        Map<String, String> headers = ticket.getMap("headers");
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("host")) {
                put.header(name, value);
            }
        });
        put.put(ticket.getString("upload_url")).then().statusCode(204);
        long id = ticket.getLong("id");
        ann.request().post("/v1/uploads/" + id + "/complete").then().statusCode(200);
        ann.request().body(Map.of("body", "from the pier", "attachment_ids", List.of(id)))
                .post("/v1/conversations/" + direct + "/messages").then().statusCode(201);

        String url = bob.request().get("/v1/conversations/" + direct + "/messages").then().statusCode(200)
                .extract().jsonPath().getString("items[0].attachments[0].url");
        String signed = bob.request().redirects().follow(false).get(url).then().statusCode(302).extract()
                .header("Location");
        assertThat(signed).startsWith(Product.PUBLIC_URL + "/v1/store/");
        byte[] fetched = FrontDoor.signedUrl().get(signed).then().statusCode(200).extract().asByteArray();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(fetched));
        assertThat(image.getWidth()).isEqualTo(400);
        assertThat(image.getHeight()).isEqualTo(300);
    }

    private static byte[] photo() throws Exception {
        BufferedImage image = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.PINK);
        g.fillRect(0, 0, 400, 300);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
