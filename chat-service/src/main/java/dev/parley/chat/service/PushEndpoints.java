package dev.parley.chat.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.chat.config.PushConfig;
import dev.parley.common.error.ApiException;
import dev.parley.common.http.AddressBlock;

/**
 * Which Web Push endpoints chat-service will send to: HTTPS URLs on public hosts, so a subscription cannot make the
 * service call into its own network. Origins listed in {@code parley.push.webpush.trusted-origins} are taken as they
 * are (a push service inside the network, or a stand-in under test).
 */
@ApplicationScoped
public class PushEndpoints {

    static final String NOT_HTTPS = "Invalid Web Push subscription: endpoint must be an https URL";
    static final String NOT_PUBLIC = "Invalid Web Push subscription: endpoint must be on a public host";
    private static final int MAX_LENGTH = 2048;
    // Loopback, private, shared, link-local, documentation, multicast and reserved ranges, both families.
    private static final List<AddressBlock> NOT_PUBLIC_BLOCKS = Stream.of("0.0.0.0/8", "10.0.0.0/8",
            "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24",
            "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/3", "::/127",
            "fc00::/7", "fe80::/10", "ff00::/8", "2001:db8::/32", "64:ff9b::/96").map(AddressBlock::parse).toList();
    private static final List<String> LOCAL_SUFFIXES = List.of(".localhost", ".local", ".internal", ".lan",
            ".home.arpa", ".localdomain");

    private final List<String> trusted;

    public PushEndpoints(PushConfig config) {
        this.trusted = config.webpush().trustedOrigins().orElse(List.of()).stream().map(PushEndpoints::origin)
                .toList();
    }

    /** The endpoint, or 400 when it is not one to send to. */
    public String check(String endpoint) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw ApiException.badRequest(NOT_HTTPS);
        }
        if (endpoint.length() > MAX_LENGTH || uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw ApiException.badRequest(NOT_HTTPS);
        }
        if (trusted.contains(origin(endpoint))) {
            return endpoint;
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw ApiException.badRequest(NOT_HTTPS);
        }
        if (!isPublic(uri.getHost().toLowerCase(Locale.ROOT))) {
            throw ApiException.badRequest(NOT_PUBLIC);
        }
        return endpoint;
    }

    private static boolean isPublic(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        boolean literal = bare.contains(":") || bare.matches("[0-9.]+");
        if (literal) {
            return NOT_PUBLIC_BLOCKS.stream().noneMatch(block -> block.contains(bare));
        }
        return bare.contains(".") && !bare.endsWith(".") && LOCAL_SUFFIXES.stream().noneMatch(bare::endsWith);
    }

    private static String origin(String url) {
        try {
            URI uri = new URI(url.trim());
            int port = uri.getPort();
            return (uri.getScheme() + "://" + uri.getHost() + (port < 0 ? "" : ":" + port)).toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Invalid origin '" + url + "'", e);
        }
    }
}
