package dev.parley.chat;

import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.parley.chat.client.storage.ObjectStore;
import dev.parley.chat.service.UploadSweeper;
import dev.parley.chat.service.Uploads;
import dev.parley.chat.support.Chat;
import dev.parley.chat.support.Files;
import dev.parley.chat.support.Neighbours;
import dev.parley.testing.Database;

/**
 * Attachments through the built-in store (a subclass runs the same against S3): upload, complete, attach, download,
 * every refusal, metadata stripped, and cleanup.
 */
@QuarkusTest
class AttachmentTest {

    @Inject
    DataSource db;

    @Inject
    UploadSweeper sweeper;

    @Inject
    ObjectStore store;

    @Test
    void aPhotoIsUploadedAttachedAndFetchedByTheOtherMember() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        byte[] photo = Files.png(800, 600);

        JsonPath ticket = Files.declare(ann, direct, "beach.png", "image/png", photo.length);
        assertThat(ticket.getString("method")).isEqualTo("PUT");
        assertThat(Instant.parse(ticket.getString("expires_at")))
                .isBetween(Instant.now().plusSeconds(14 * 60), Instant.now().plusSeconds(15 * 60 + 5));
        Files.put(ticket, photo).then().statusCode(lessThan(300));
        long id = ticket.getLong("id");
        ann.request().post("/v1/uploads/" + id + "/complete").then().statusCode(200).body("id", equalTo((int) id))
                .body("status", equalTo("ready")).body("content_type", equalTo("image/png"))
                .body("width", equalTo(800)).body("height", equalTo(600));

        JsonPath message = ann.request().body(Map.of("body", "", "attachment_ids", List.of(id)))
                .post("/v1/conversations/" + direct + "/messages").then().statusCode(201)
                .body("attachments", hasSize(1)).extract().jsonPath();
        assertThat(message.getString("body")).isEmpty();
        assertThat(message.getString("attachments[0].filename")).isEqualTo("beach.png");
        assertThat(message.getString("attachments[0].url")).isEqualTo("/v1/media/" + id);
        assertThat(message.getString("attachments[0].thumbnail_url")).isEqualTo("/v1/media/" + id + "/thumbnail");

        byte[] fetched = Files.fetch(bob, "/v1/media/" + id).then().statusCode(200).extract().asByteArray();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(fetched));
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(600);
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(Files.fetch(bob,
                "/v1/media/" + id + "/thumbnail").then().statusCode(200).extract().asByteArray()));
        assertThat(thumbnail.getWidth()).isEqualTo(320);
        assertThat(thumbnail.getHeight()).isEqualTo(240);
        bob.request().get("/v1/conversations/" + direct + "/messages").then().statusCode(200)
                .body("items[0].attachments[0].id", equalTo((int) id));
        assertThat(given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString())
                .contains("parley_uploads_total{outcome=\"ready\"").contains("parley_storage_bytes");
    }

    @Test
    void aResendOfAStoredPhotoMessageAnswersTheStoredMessage() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        byte[] photo = Files.png(40, 30);
        JsonPath ticket = Files.declare(ann, direct, "dog.png", "image/png", photo.length);
        Files.put(ticket, photo).then().statusCode(lessThan(300));
        long id = ticket.getLong("id");
        ann.request().post("/v1/uploads/" + id + "/complete").then().statusCode(200);
        Map<String, Object> send = Map.of("body", "our dog", "attachment_ids", List.of(id), "mentions",
                List.of(bob.id()), "client_message_id", "dog-1");

        long stored = ann.request().body(send).post("/v1/conversations/" + direct + "/messages").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        // The answer was lost on the way: the app sends again, with the upload attached by now.
        ann.request().body(send).post("/v1/conversations/" + direct + "/messages").then().statusCode(200)
                .body("id", equalTo((int) stored)).body("attachments[0].id", equalTo((int) id));
        assertThat(Database.count(db, "select count(*) from chat.messages where client_message_id = 'dog-1'"))
                .isEqualTo(1);
    }

    @Test
    void outsidersGetNothingAndNobodyAttachesAnotherUsersUpload() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat eve = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        long other = ann.directWith(eve);
        long id = Files.uploaded(ann, direct, "note.pdf", "application/pdf", pdf());

        eve.request().body(Map.of("conversation_id", direct, "filename", "x.pdf", "content_type", "application/pdf",
                "size", 10)).post("/v1/uploads").then().spec(error(404, "Conversation " + direct + " not found"));
        bob.request().post("/v1/uploads/" + id + "/complete").then().spec(error(404, "Upload not found"));
        bob.request().body(Map.of("body", "mine now", "attachment_ids", List.of(id)))
                .post("/v1/conversations/" + direct + "/messages")
                .then().spec(error(400, "attachment_ids must be your own completed uploads to this conversation"));
        ann.request().body(Map.of("body", "elsewhere", "attachment_ids", List.of(id)))
                .post("/v1/conversations/" + other + "/messages")
                .then().spec(error(400, "attachment_ids must be your own completed uploads to this conversation"));
        bob.request().redirects().follow(false).get("/v1/media/" + id).then().spec(error(404, "Media not found"));

        ann.sent(direct, "before");
        ann.request().body(Map.of("body", "the file", "attachment_ids", List.of(id)))
                .post("/v1/conversations/" + direct + "/messages").then().statusCode(201);
        eve.request().redirects().follow(false).get("/v1/media/" + id).then().spec(error(404, "Media not found"));
        Files.fetch(bob, "/v1/media/" + id).then().statusCode(200);
        bob.request().redirects().follow(false).get("/v1/media/" + id + "/thumbnail")
                .then().spec(error(404, "Media not found"));
    }

    @Test
    void badDeclarationsAreRefused() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        ann.request().body(Map.of("conversation_id", direct, "filename", "big.mp4", "content_type", "video/mp4",
                "size", 25L * 1024 * 1024 + 1)).post("/v1/uploads").then().spec(error(413, "File too large"));
        ann.request().body(Map.of("conversation_id", direct, "filename", "tool.exe", "content_type",
                "application/x-msdownload", "size", 100)).post("/v1/uploads").then().spec(error(400));
        ann.request().body(Map.of("conversation_id", direct, "filename", "../etc/passwd", "content_type",
                "text/plain", "size", 100)).post("/v1/uploads").then().spec(error(400));
        ann.request().body(Map.of("conversation_id", direct, "content_type", "text/plain", "size", 100))
                .post("/v1/uploads").then().spec(error(400, "expected 'filename' key"));
        ann.request().body(Map.of("body", "eleven", "attachment_ids", List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)))
                .post("/v1/conversations/" + direct + "/messages")
                .then().spec(error(400, "A message has at most 10 attachments"));
        assertThat(Database.count(db, "select count(*) from chat.uploads where user_id = ?", ann.id())).isZero();
    }

    @Test
    void theQuotaCountsWhatIsStoredAndReserved() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        Database.execute(db, "insert into chat.storage_usage (user_id, bytes) values (?, ?)", ann.id(),
                1024L * 1024 * 1024 - 100);

        Files.declare(ann, direct, "small.txt", "text/plain", 100);
        ann.request().body(Map.of("conversation_id", direct, "filename", "one.txt", "content_type", "text/plain",
                "size", 1)).post("/v1/uploads").then().spec(error(413, "Storage quota exceeded"));
        assertThat(Database.count(db, "select bytes from chat.storage_usage where user_id = ?", ann.id()))
                .isEqualTo(1024L * 1024 * 1024);
    }

    @Test
    void anExecutableDeclaredAsAPngIsRefusedAndDeleted() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        byte[] executable = new byte[2048];
        executable[0] = 'M';
        executable[1] = 'Z';
        JsonPath ticket = Files.declare(ann, direct, "cat.png", "image/png", executable.length);
        Files.put(ticket, executable).then().statusCode(lessThan(300));

        ann.request().post("/v1/uploads/" + ticket.getLong("id") + "/complete")
                .then().spec(error(400, "Uploaded file does not match its declaration"));
        assertThat(Database.count(db, "select count(*) from chat.uploads where id = ?", ticket.getLong("id")))
                .isZero();
        assertThat(Database.count(db, "select bytes from chat.storage_usage where user_id = ?", ann.id())).isZero();
    }

    @Test
    void aFileOfAnotherSizeThanDeclaredIsRefusedAndDeleted() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        JsonPath ticket = Files.declare(ann, direct, "notes.txt", "text/plain", 100);
        long id = ticket.getLong("id");
        String key = objectKey(id);
        // Written past the signed URL, which would not take another size: as a store that does not check would.
        store.write(key, "shorter than declared".getBytes(StandardCharsets.UTF_8), "text/plain").await()
                .atMost(Duration.ofSeconds(10));

        ann.request().post("/v1/uploads/" + id + "/complete")
                .then().spec(error(400, "Uploaded file does not match its declaration"));
        assertThat(store.size(key).await().atMost(Duration.ofSeconds(10))).isEmpty();
        assertThat(Database.count(db, "select count(*) from chat.uploads where id = ?", id)).isZero();
    }

    @Test
    void anUploadNeverTakesAnObjectLeftUnderItsIdByAnotherTimeline() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        JsonPath ticket = Files.declare(ann, direct, "mine.png", "image/png", 100);
        long id = ticket.getLong("id");
        JsonPath other = Files.declare(ann, direct, "other.png", "image/png", 100);
        // After a restore to an earlier point, ids repeat while the store still holds the later uploads' objects.
        byte[] someoneElses = Files.png(10, 10);
        store.write("uploads/" + id, someoneElses, "image/png").await().atMost(Duration.ofSeconds(10));

        assertThat(ticket.getString("upload_url")).contains("/" + objectKey(id) + "?");
        assertThat(objectKey(id)).matches("uploads/" + id + "-[0-9a-f]{32}");
        assertThat(objectKey(other.getLong("id"))).matches("uploads/\\d+-[0-9a-f]{32}")
                .doesNotEndWith(objectKey(id).substring(objectKey(id).indexOf('-')));
        ann.request().post("/v1/uploads/" + id + "/complete").then().spec(error(400, "Nothing was uploaded yet"));
    }

    @Test
    void completingBeforeUploadingSaysSo() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        long id = Files.declare(ann, direct, "later.txt", "text/plain", 10).getLong("id");

        ann.request().post("/v1/uploads/" + id + "/complete").then().spec(error(400, "Nothing was uploaded yet"));
    }

    @Test
    void aJpegLosesItsGpsPositionButKeepsItsPicture() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        byte[] withGps = withGps(Files.jpeg(640, 480));
        assertThat(((JpegImageMetadata) Imaging.getMetadata(withGps)).getExif().getGpsInfo()).isNotNull();

        long id = Files.uploaded(ann, direct, "holiday.jpg", "image/jpeg", withGps);
        ann.request().body(Map.of("body", "look", "attachment_ids", List.of(id)))
                .post("/v1/conversations/" + direct + "/messages").then().statusCode(201);

        byte[] served = Files.fetch(bob, "/v1/media/" + id).then().statusCode(200).extract().asByteArray();
        assertThat(new String(served, StandardCharsets.ISO_8859_1)).doesNotContain("Exif\0\0");
        var metadata = Imaging.getMetadata(served);
        assertThat(metadata == null || ((JpegImageMetadata) metadata).getExif() == null).isTrue();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(served));
        assertThat(image.getWidth()).isEqualTo(640);
    }

    @Test
    void filesNobodyWillSeeAreDeleted() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        long orphan = Files.uploaded(ann, direct, "forgotten.txt", "text/plain", text());
        long kept = Files.uploaded(ann, direct, "kept.txt", "text/plain", text());
        long attached = Files.uploaded(ann, direct, "attached.txt", "text/plain", text());
        long messageId = ann.request().body(Map.of("body", "file", "attachment_ids", List.of(attached)))
                .post("/v1/conversations/" + direct + "/messages").then().statusCode(201).extract().jsonPath()
                .getLong("id");
        Database.execute(db, "update chat.uploads set created_at = now() - interval '25 hours' where id = ?", orphan);

        ann.request().delete("/v1/conversations/" + direct + "/messages/" + messageId).then().statusCode(204);
        sweeper.sweep().await().atMost(Duration.ofSeconds(30));

        assertThat(Database.column(db, "select id from chat.uploads where user_id = ?", ann.id()))
                .containsExactly(kept);
        assertThat(Database.count(db, "select bytes from chat.storage_usage where user_id = ?", ann.id()))
                .isEqualTo(text().length);
        bob.request().redirects().follow(false).get("/v1/media/" + attached).then().statusCode(404);
    }

    @Test
    void aDeletedAccountTakesItsFiles() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        Files.uploaded(ann, direct, "mine.txt", "text/plain", text());

        Neighbours.accountEvent("account.deleted", Long.toString(ann.id()), Map.of("user_id", ann.id()));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Database.count(db,
                "select count(*) from chat.uploads where user_id = ? and doomed", ann.id()) == 1);
        sweeper.sweep().await().atMost(Duration.ofSeconds(30));

        assertThat(Database.count(db, "select count(*) from chat.uploads where user_id = ?", ann.id())).isZero();
    }

    private static byte[] text() {
        return "Meeting notes\nBring the slides.\n".getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] pdf() {
        return "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] withGps(byte[] jpeg) throws Exception {
        TiffOutputSet exif = new TiffOutputSet();
        exif.setGpsInDegrees(13.405, 52.52);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ExifRewriter().updateExifMetadataLossless(jpeg, out, exif);
        return out.toByteArray();
    }

    /** The store's key of the upload's bytes, as chat-service names it. */
    private String objectKey(long id) {
        return Uploads.key(id, (String) Database.single(db, "select object_name from chat.uploads where id = ?", id));
    }
}
