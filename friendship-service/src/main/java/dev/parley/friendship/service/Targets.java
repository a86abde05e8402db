package dev.parley.friendship.service;

import dev.parley.common.error.ApiException;
import dev.parley.common.validation.Input;
import dev.parley.friendship.api.UserTarget;

/** Reads the other user out of a request body. */
final class Targets {

    private Targets() {
    }

    static long userId(UserTarget body) {
        return Input.required("user_id", body == null ? null : body.userId());
    }

    static ApiException userNotFound(long userId) {
        return ApiException.notFound("User " + userId + " not found");
    }
}
