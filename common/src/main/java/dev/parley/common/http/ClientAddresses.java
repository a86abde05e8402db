package dev.parley.common.http;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The address a request comes from, for limits per client. {@code X-Forwarded-For} is read only when the peer is a
 * trusted proxy, and then from the right: the nearest address that is not itself a trusted proxy is the client, so
 * whatever a client writes into the header itself is never believed.
 */
@ApplicationScoped
public class ClientAddresses {

    private final List<AddressBlock> proxies;

    public ClientAddresses(ProxySettings settings) {
        this.proxies = settings.trustedProxies().stream().filter(s -> !s.isBlank()).map(AddressBlock::parse).toList();
    }

    public String of(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        String peer = remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
        return of(peer, request.headers().getAll("X-Forwarded-For"));
    }

    /** The client of a request from {@code peer} carrying these {@code X-Forwarded-For} headers, in order. */
    String of(String peer, List<String> forwardedFor) {
        if (!trusted(peer)) {
            return peer;
        }
        String[] hops = String.join(",", forwardedFor).split(",");
        String client = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            try {
                AddressBlock.literal(hop);
            } catch (IllegalArgumentException e) {
                return client;
            }
            client = hop;
            if (!trusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    private boolean trusted(String address) {
        return proxies.stream().anyMatch(block -> block.contains(address));
    }
}
