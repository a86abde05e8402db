package dev.parley.e2e;

import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import dev.parley.e2e.support.EndToEnd;
import dev.parley.e2e.support.FrontDoor;
import dev.parley.e2e.support.Product;
import dev.parley.e2e.support.Product.Service;

/**
 * The services' internal ports (event feeds, users' data for exports) are not reachable through the front door, and
 * answer only with the service token.
 */
@EndToEnd
class InternalPortIT {

    @Test
    void theFrontDoorRoutesNoInternalPath() {
        for (String path : new String[]{"/internal/v1/feed", "/internal/v1/users/1/export"}) {
            FrontDoor.request().header("Authorization", "Bearer " + Product.INTERNAL_TOKEN).get(path)
                    .then().spec(error(404));
        }
    }

    @Test
    void anInternalPortAnswersOnlyWithTheServiceToken() {
        for (Service service : Service.values()) {
            given().baseUri(service.internalUrl()).get("/internal/v1/users/1/export")
                    .then().spec(error(401, "Service token required"));
            given().baseUri(service.internalUrl()).auth().oauth2("not the token").get("/internal/v1/feed")
                    .then().spec(error(401, "Service token required"));
        }
        for (Service producer : new Service[]{Service.ACCOUNT, Service.FRIENDSHIP}) {
            given().baseUri(producer.internalUrl()).auth().oauth2(Product.INTERNAL_TOKEN).get("/internal/v1/feed")
                    .then().statusCode(200).body("cursor", notNullValue()).body("events", notNullValue());
        }
        given().baseUri(Service.CHAT.internalUrl()).auth().oauth2(Product.INTERNAL_TOKEN)
                .get("/internal/v1/feed").then().spec(error(404, "Not found")).body("error.status", equalTo(404));
    }
}
