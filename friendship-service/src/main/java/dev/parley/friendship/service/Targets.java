package dev.parley.friendship.service;

import dev.parley.common.error.ApiException;
import dev.parley.friendship.api.UserTarget;

/** Reads the other user out of a request body. */
final class Targets {

    private Targets() {
    }

    static long userId(UserTarget body) {
        if (body == null || body.userId() == null) {
            throw ApiException.badRequest("expected 'user_id' key");
        }
        return body.userId();
    }

    static ApiException userNotFound(long userId) {
        return ApiException.notFound("User " + userId + " not found");
    }
}
