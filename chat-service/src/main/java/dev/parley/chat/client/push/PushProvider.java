package dev.parley.chat.client.push;

import io.smallrye.mutiny.Uni;

/** Sends pushes to the devices of one platform. Never fails its {@link Uni}: failures are {@link PushResult}s. */
public interface PushProvider {

    /** The platform served: {@link PushTarget#FCM}, {@link PushTarget#APNS} or {@link PushTarget#WEBPUSH}. */
    String platform();

    /** The provider's name in metrics and logs ({@code fcm}, {@code apns}, {@code webpush} or {@code log}). */
    String name();

    /** Whether its credentials are configured; a platform without them is served by the log provider. */
    boolean configured();

    Uni<PushResult> send(PushTarget target, PushPayload payload);
}
