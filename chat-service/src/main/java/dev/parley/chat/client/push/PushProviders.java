package dev.parley.chat.client.push;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The provider of each platform: the configured one, else a {@link LogProvider} for that platform. */
@ApplicationScoped
public class PushProviders {

    private final Map<String, PushProvider> byPlatform;

    @Inject
    public PushProviders(FcmProvider fcm, ApnsProvider apns, WebPushProvider webPush) {
        this(Stream.of(fcm, apns, webPush).toArray(PushProvider[]::new));
    }

    /** One provider per platform; those not configured are replaced by the log provider. */
    public PushProviders(PushProvider... providers) {
        this.byPlatform = Stream.of(providers).map(p -> p.configured() ? p : new LogProvider(p.platform()))
                .collect(Collectors.toUnmodifiableMap(PushProvider::platform, Function.identity()));
    }

    /** The provider serving {@code platform} ({@link PushTarget#FCM}, {@link PushTarget#APNS}, {@link PushTarget#WEBPUSH}). */
    public PushProvider forPlatform(String platform) {
        PushProvider provider = byPlatform.get(platform);
        if (provider == null) {
            throw new IllegalArgumentException("No push provider for platform " + platform);
        }
        return provider;
    }
}
