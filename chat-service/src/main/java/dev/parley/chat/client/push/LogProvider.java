package dev.parley.chat.client.push;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * Stands in for a platform whose credentials are not configured (development, tests): writes each push to the log
 * at INFO and answers {@code SENT}.
 */
public class LogProvider implements PushProvider {

    private static final Logger LOG = Logger.getLogger(LogProvider.class);
    private static final int SHOWN = 16;

    private final String platform;

    public LogProvider(String platform) {
        this.platform = platform;
    }

    @Override
    public String platform() {
        return platform;
    }

    @Override
    public String name() {
        return "log";
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public Uni<PushResult> send(PushTarget target, PushPayload payload) {
        LOG.infof("Push %s to %s device %s: %s", payload.id(), platform, device(target),
                PushPayloads.json(payload).encode());
        return Uni.createFrom().item(PushResult.sent());
    }

    /** The start of the device's token or endpoint: enough to tell devices apart, not enough to push to them. */
    private static String device(PushTarget target) {
        String device = target.token() != null ? target.token() : String.valueOf(target.endpoint());
        return device.length() <= SHOWN ? device : device.substring(0, SHOWN) + "…";
    }
}
