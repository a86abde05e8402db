package dev.parley.common.internal;

import io.vertx.ext.web.Router;

/** Routes a bean adds to the internal port; the server has checked the service token before any of them runs. */
public interface InternalRoute {

    void mount(Router router, InternalReplies replies);
}
