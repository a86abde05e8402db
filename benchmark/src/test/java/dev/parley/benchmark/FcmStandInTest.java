package dev.parley.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The FCM stand-in answers as FCM's HTTP v1 API does and records each push, over real HTTP. */
class FcmStandInTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void itsServiceAccountHoldsAnRsaKeyAndATokenUriThatIssuesAccessTokens() throws Exception {
        try (FcmStandIn fcm = FcmStandIn.start()) {
            JsonNode account = Api.JSON.readTree(fcm.chatSettings().get("PARLEY_PUSH_FCM_SERVICE_ACCOUNT"));
            String pem = account.get("private_key").asText();
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));

            HttpResponse<String> token = post(account.get("token_uri").asText(), "grant_type=x&assertion=y");

            assertThat(account.get("project_id").asText()).isEqualTo(FcmStandIn.PROJECT);
            assertThat(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)))
                    .isInstanceOf(RSAPrivateKey.class);
            assertThat(token.statusCode()).isEqualTo(200);
            JsonNode answer = Api.JSON.readTree(token.body());
            assertThat(answer.get("access_token").asText()).isNotBlank();
            assertThat(answer.get("expires_in").asInt()).isEqualTo(3599);
            assertThat(answer.get("token_type").asText()).isEqualTo("Bearer");
            assertThat(fcm.accessTokens()).isEqualTo(1);
        }
    }

    @Test
    void aMessageIsTakenAndRecordedWithItsPushAndMessageIds() throws Exception {
        try (FcmStandIn fcm = FcmStandIn.start()) {
            String url = fcm.chatSettings().get("PARLEY_PUSH_FCM_URL") + "/v1/projects/" + FcmStandIn.PROJECT
                    + "/messages:send";
            long before = System.nanoTime();

            HttpResponse<String> sent = post(url, "{\"message\":{\"token\":\"t\",\"data\":{\"push_id\":\"p-1\","
                    + "\"message_id\":\"42\",\"seq\":\"3\"}}}");

            assertThat(sent.statusCode()).isEqualTo(200);
            assertThat(Api.JSON.readTree(sent.body()).get("name").asText())
                    .isEqualTo("projects/" + FcmStandIn.PROJECT + "/messages/1");
            assertThat(fcm.pushes()).singleElement().satisfies(push -> {
                assertThat(push.pushId()).isEqualTo("p-1");
                assertThat(push.messageId()).isEqualTo(42);
                assertThat(push.at()).isBetween(before, System.nanoTime());
            });
            assertThat(fcm.missing(Set.of(42L, 43L))).isEqualTo(1);
            assertThat(fcm.refused()).isZero();
        }
    }

    @Test
    void aMessageWithoutItsIdsOrToAnotherProjectIsRefusedAndNotRecorded() throws Exception {
        try (FcmStandIn fcm = FcmStandIn.start()) {
            String base = fcm.chatSettings().get("PARLEY_PUSH_FCM_URL");
            String body = "{\"message\":{\"data\":{\"push_id\":\"p\",\"message_id\":\"1\"}}}";

            assertThat(post(base + "/v1/projects/other/messages:send", body).statusCode()).isEqualTo(400);
            assertThat(post(base + "/v1/projects/" + FcmStandIn.PROJECT + "/messages:send",
                    "{\"message\":{\"data\":{}}}").statusCode()).isEqualTo(400);
            assertThat(fcm.pushes()).isEmpty();
            assertThat(fcm.refused()).isEqualTo(2);
        }
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
