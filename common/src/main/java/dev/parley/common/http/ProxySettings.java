package dev.parley.common.http;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which peers are proxies whose {@code X-Forwarded-For} is believed ({@code PARLEY_HTTP_TRUSTED_PROXIES}). */
@ConfigMapping(prefix = "parley.http")
public interface ProxySettings {

    /** Addresses and CIDR blocks of the proxies in front of the service; loopback by default. */
    @WithDefault("127.0.0.1/32,::1/128")
    List<String> trustedProxies();
}
