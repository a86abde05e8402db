package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import dev.parley.e2e.support.EndToEnd;
import dev.parley.e2e.support.FrontDoor;
import dev.parley.e2e.support.Product;
import dev.parley.e2e.support.Social;
import dev.parley.e2e.support.Uploads;
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
        long id = Uploads.upload(ann, direct, "sunset.png", "image/png", Uploads.png(400, 300));
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
}
