package dev.parley.account.rest;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.parley.account.config.SigningKeys;

/** The public keys that verify live access tokens, current first, for the other services (RFC 7517 JWK Set). */
@Path("/.well-known/jwks.json")
public class JwksResource {

    private final SigningKeys keys;

    public JwksResource(SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, List<Map<String, Object>>> keys() {
        return Map.of("keys", keys.publicJwks());
    }
}
