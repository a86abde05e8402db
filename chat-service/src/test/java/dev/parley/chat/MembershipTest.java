package dev.parley.chat;

import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.parley.chat.support.Chat;
import dev.parley.testing.Database;

@QuarkusTest
class MembershipTest {

    @Inject
    DataSource db;

    @Test
    void ownerAddsAFriendWhoStartsWithNothingUnread() {
        Chat owner = Chat.newUser();
        Chat first = Chat.newUser().befriend(owner);
        Chat late = Chat.newUser().befriend(owner);
        long group = owner.group("g", first);
        owner.sent(group, "before you came");

        add(owner, group, late).then().statusCode(201)
                .body("user_id", equalTo((int) late.id()))
                .body("role", equalTo("member"))
                .body("last_read_seq", equalTo(1));
        assertThat(late.unread(group)).isZero();
        add(owner, group, late).then().spec(error(409, "User " + late.id() + " is already a member"));
    }

    @Test
    void onlyOwnersAndAdminsAddAndOnlyTheirFriends() {
        Chat owner = Chat.newUser();
        Chat member = Chat.newUser().befriend(owner);
        Chat friendOfMember = Chat.newUser().befriend(member);
        Chat stranger = Chat.newUser();
        long group = owner.group("g", member);

        add(member, group, friendOfMember).then().spec(error(403, "Only the group's owners and admins can do this"));
        add(owner, group, stranger).then().spec(error(403, "User " + stranger.id() + " is not your friend"));
        role(owner, group, member, "admin").then().statusCode(200).body("role", equalTo("admin"));
        add(member, group, friendOfMember).then().statusCode(201);
        owner.request().body(Map.of()).post("/v1/conversations/" + group + "/members")
                .then().spec(error(400, "expected 'user_id' key"));
    }

    @Test
    void adminsRemoveMembersAndAnyoneMayLeave() {
        Chat owner = Chat.newUser();
        Chat admin = Chat.newUser().befriend(owner);
        Chat member = Chat.newUser().befriend(owner);
        Chat leaver = Chat.newUser().befriend(owner);
        long group = owner.group("g", admin, member, leaver);
        role(owner, group, admin, "admin").then().statusCode(200);

        remove(member, group, admin).then().spec(error(403, "Only the group's owners and admins can do this"));
        remove(admin, group, owner).then().spec(error(403, "Only an owner can remove an owner"));
        remove(admin, group, member).then().statusCode(204);
        remove(leaver, group, leaver).then().statusCode(204);
        member.conversation(group).then().spec(error(404, "Conversation " + group + " not found"));
        leaver.conversation(group).then().spec(error(404, "Conversation " + group + " not found"));
        remove(owner, group, member).then().spec(error(404, "User " + member.id() + " is not a member"));
        assertThat(Database.count(db, "select count(*) from chat.members where conversation_id = ?", group))
                .isEqualTo(2);
    }

    @Test
    void lastOwnerLeavingHandsOwnershipToTheLongestStandingMember() {
        Chat owner = Chat.newUser();
        Chat first = Chat.newUser().befriend(owner);
        Chat second = Chat.newUser().befriend(owner);
        long group = owner.group("g", first);
        add(owner, group, second).then().statusCode(201);

        remove(owner, group, owner).then().statusCode(204);
        first.conversation(group).then().statusCode(200)
                .body("members.find { it.user_id == " + first.id() + " }.role", equalTo("owner"))
                .body("members.find { it.user_id == " + second.id() + " }.role", equalTo("member"));
    }

    @Test
    void onlyOwnersChangeRolesAndAGroupKeepsAnOwner() {
        Chat owner = Chat.newUser();
        Chat admin = Chat.newUser().befriend(owner);
        long group = owner.group("g", admin);
        role(owner, group, admin, "admin").then().statusCode(200);

        role(admin, group, owner, "member").then().spec(error(403, "Only the group's owners can change roles"));
        role(owner, group, owner, "member").then().spec(error(409, "A group must keep an owner"));
        role(owner, group, admin, "boss").then().spec(error(400, "role must be 'owner', 'admin' or 'member'"));
        role(owner, group, admin, "owner").then().statusCode(200);
        role(owner, group, owner, "member").then().statusCode(200).body("role", equalTo("member"));
    }

    @Test
    void directConversationsKeepTheirTwoMembers() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat cid = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        String fixed = "The members of a direct conversation cannot change";
        add(ann, direct, cid).then().spec(error(400, fixed));
        remove(ann, direct, bob).then().spec(error(400, fixed));
        role(ann, direct, bob, "admin").then().spec(error(400, fixed));
    }

    @Test
    void twoOwnersDemotingEachOtherAtOnceLeaveExactlyOneOwnerAndNeverFail() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long group = ann.group("g", bob);
        role(ann, group, bob, "owner").then().statusCode(200);

        for (int round = 0; round < 15; round++) {
            // Each owner demotes the other while both also write to the group; a seat is taken in turn.
            List<Integer> statuses = MessageTest.concurrently(4, i -> switch (i) {
                case 0 -> role(ann, group, bob, "admin").statusCode();
                case 1 -> role(bob, group, ann, "admin").statusCode();
                case 2 -> ann.send(group, "from ann").statusCode();
                default -> bob.send(group, "from bob").statusCode();
            });
            assertThat(statuses.subList(0, 2)).as("round %d", round).containsExactlyInAnyOrder(200, 403);
            assertThat(statuses.subList(2, 4)).as("round %d", round).containsOnly(201);
            List<Object> owners = Database.column(db,
                    "select user_id from chat.members where conversation_id = ? and role = 'owner'", group);
            assertThat(owners).as("round %d", round).hasSize(1);
            Chat owner = owners.get(0).equals(ann.id()) ? ann : bob;
            role(owner, group, owner == ann ? bob : ann, "owner").then().statusCode(200);
        }
    }

    static io.restassured.response.Response add(Chat actor, long group, Chat who) {
        return actor.request().body(Map.of("user_id", who.id())).post("/v1/conversations/" + group + "/members");
    }

    static io.restassured.response.Response remove(Chat actor, long group, Chat who) {
        return actor.request().delete("/v1/conversations/" + group + "/members/" + who.id());
    }

    static io.restassured.response.Response role(Chat actor, long group, Chat who, String role) {
        return actor.request().body(Map.of("role", role))
                .patch("/v1/conversations/" + group + "/members/" + who.id());
    }
}
