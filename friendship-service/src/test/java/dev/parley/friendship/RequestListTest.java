package dev.parley.friendship;

import static dev.parley.friendship.support.Api.as;
import static dev.parley.friendship.support.Api.requests;
import static dev.parley.testing.ErrorSpec.error;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.parley.friendship.support.Api;
import dev.parley.friendship.support.Users;
import dev.parley.friendship.support.Users.TestUser;

@QuarkusTest
class RequestListTest {

    @Test
    void incomingRequestsAreListedNewestFirstAndPaged() {
        TestUser bob = Users.create();
        List<TestUser> senders = List.of(Users.create(), Users.create(), Users.create());
        List<Integer> ids = senders.stream().map(sender -> (int) Api.pendingRequest(sender, bob)).toList();

        requests(bob, "incoming").then().statusCode(200)
                .body("items.id", contains(ids.get(2), ids.get(1), ids.get(0)))
                .body("items.requester_id", contains((int) senders.get(2).id(), (int) senders.get(1).id(),
                        (int) senders.get(0).id()))
                .body("items.status", contains("pending", "pending", "pending"))
                .body("next_cursor", nullValue());

        String cursor = as(bob).queryParam("direction", "incoming").queryParam("limit", 2)
                .get("/v1/friendships/requests").then().statusCode(200)
                .body("items.id", contains(ids.get(2), ids.get(1)))
                .body("next_cursor", notNullValue())
                .extract().path("next_cursor");
        as(bob).queryParam("direction", "incoming").queryParam("limit", 2).queryParam("cursor", cursor)
                .get("/v1/friendships/requests").then().statusCode(200)
                .body("items.id", contains(ids.get(0)))
                .body("next_cursor", nullValue());
    }

    @Test
    void outgoingRequestsAreTheCallersOwnPendingOnes() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        TestUser carol = Users.create();
        int toBob = (int) Api.pendingRequest(alice, bob);
        int toCarol = (int) Api.pendingRequest(alice, carol);
        int fromCarol = (int) Api.pendingRequest(Users.create(), alice);

        requests(alice, "outgoing").then().statusCode(200).body("items.id", contains(toCarol, toBob));
        requests(alice, "incoming").then().statusCode(200).body("items.id", contains(fromCarol));

        // Accepted and cancelled requests are no longer pending.
        Api.accept(bob, toBob).then().statusCode(200);
        Api.cancel(alice, toCarol).then().statusCode(204);
        requests(alice, "outgoing").then().statusCode(200).body("items", empty());
        requests(bob, "incoming").then().statusCode(200).body("items", empty());
    }

    @Test
    void directionMustBeIncomingOrOutgoing() {
        TestUser alice = Users.create();
        requests(alice, "sideways").then().spec(error(400, "direction must be 'incoming' or 'outgoing'"));
        as(alice).get("/v1/friendships/requests")
                .then().spec(error(400, "direction must be 'incoming' or 'outgoing'"));
        as(alice).queryParam("direction", "incoming").queryParam("limit", 0).get("/v1/friendships/requests")
                .then().spec(error(400, "limit must be an integer between 1 and 100"));
        as(alice).queryParam("direction", "incoming").queryParam("cursor", "garbage!")
                .get("/v1/friendships/requests").then().spec(error(400, "Invalid cursor"));
    }

    @Test
    void oneUserCanNeverActOnAnothersRequest() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        TestUser mallory = Users.create();
        long id = Api.pendingRequest(alice, bob);
        String notFound = "Friend request " + id + " not found";

        // A stranger can neither accept, decline nor cancel it, nor see it.
        Api.accept(mallory, id).then().spec(error(404, notFound));
        Api.decline(mallory, id).then().spec(error(404, notFound));
        Api.cancel(mallory, id).then().spec(error(404, notFound));
        requests(mallory, "incoming").then().body("items", empty());
        requests(mallory, "outgoing").then().body("items", empty());

        // Each side may only do its own part: the requester cannot accept or decline, the addressee cannot cancel.
        Api.accept(alice, id).then().spec(error(404, notFound));
        Api.decline(alice, id).then().spec(error(404, notFound));
        Api.cancel(bob, id).then().spec(error(404, notFound));

        requests(bob, "incoming").then().body("items", hasSize(1));
        Api.accept(bob, id).then().statusCode(200);
    }
}
