package dev.parley.account.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import dev.parley.common.limits.Rate;

/** Typed settings of account-service, all under {@code parley.*} (env {@code PARLEY_*}). */
@ConfigMapping(prefix = "parley")
public interface AccountConfig {

    /** Base URL clients reach the API at; verification links start with it. */
    @WithDefault("http://localhost:8081")
    String publicUrl();

    Registration registration();

    Keys keys();

    Jwt jwt();

    Verification verification();

    Sessions sessions();

    Login login();

    PasswordReset passwordReset();

    Mail mail();

    Limits limits();

    Exports exports();

    Export export();

    interface Registration {

        /** Comma-separated exact emails and {@code *@domain} patterns; empty means open registration. */
        Optional<String> whitelist();
    }

    interface Keys {

        /** Generate signing keys at start when none are configured. Only ever true in dev and test. */
        @WithDefault("false")
        boolean generateWhenMissing();
    }

    interface Jwt {

        @WithDefault("parley")
        String issuer();

        /** PKCS#8 PEM of the RSA key that signs access tokens. */
        Optional<String> privateKey();

        /** Path of a file holding that PEM (for a mounted Secret). */
        Optional<String> privateKeyLocation();

        /**
         * PEMs of public keys published and accepted besides the current signing key, comma-separated: the next key
         * before signing switches to it, and the previous one until the tokens it signed have expired (an access
         * token's lifetime after the switch). docs/security.md has the rotation procedure.
         */
        Optional<List<String>> otherPublicKeys();

        /** A directory whose {@code .pem} files each hold one such public key (for a mounted Secret). */
        Optional<String> otherPublicKeysLocation();

        @WithDefault("15m")
        Duration accessTokenTtl();
    }

    interface Verification {

        /** HMAC-SHA256 secret for verification links, at least 32 characters. */
        Optional<String> secret();

        @WithDefault("24h")
        Duration ttl();
    }

    interface Sessions {

        /** How long a refresh token stays usable; each rotation starts it again, up to the absolute lifetime. */
        @WithDefault("30d")
        Duration refreshTokenTtl();

        /** How long a session lives at most from its login, however often it is refreshed. */
        @WithDefault("90d")
        Duration absoluteLifetime();
    }

    interface Login {

        /** Failed logins for one email from one client address before that address is locked out for the email. */
        @WithDefault("5/15m")
        Rate failuresPerAddress();

        /** Failed logins for one email from all addresses together before the email is locked out everywhere. */
        @WithDefault("50/15m")
        Rate failuresPerEmail();
    }

    interface PasswordReset {

        @WithDefault("1h")
        Duration ttl();
    }

    interface Mail {

        @WithDefault("2s")
        Duration pollInterval();

        /** Delay before the first retry of a failed delivery; doubles with each attempt up to an hour. */
        @WithDefault("5s")
        Duration retryBackoff();

        @WithDefault("12")
        int maxAttempts();

        @WithDefault("20")
        int batchSize();

        /** Verification and reset mails one recipient gets at most in a short while, whoever asks for them. */
        @WithDefault("1/60s")
        Rate perRecipientMinute();

        /** Verification and reset mails one recipient gets at most in a day, whoever asks for them. */
        @WithDefault("5/24h")
        Rate perRecipientDay();
    }

    /**
     * Requests one client address may make to the routes open to anyone, counted across replicas; generous enough for
     * a school or an office behind one address.
     */
    interface Limits {

        /** {@code POST /v1/accounts/register} ({@code PARLEY_LIMITS_REGISTRATIONS_PER_ADDRESS}). */
        @WithDefault("100/1h")
        Rate registrationsPerAddress();

        /** {@code POST /v1/accounts/login} ({@code PARLEY_LIMITS_LOGINS_PER_ADDRESS}). */
        @WithDefault("300/1h")
        Rate loginsPerAddress();

        /** {@code GET /v1/accounts/verify/{token}} ({@code PARLEY_LIMITS_VERIFICATIONS_PER_ADDRESS}). */
        @WithDefault("300/1h")
        Rate verificationsPerAddress();

        /** {@code POST /v1/accounts/verify/resend} ({@code PARLEY_LIMITS_RESENDS_PER_ADDRESS}). */
        @WithDefault("100/1h")
        Rate resendsPerAddress();

        /** {@code POST /v1/accounts/password/forgot} ({@code PARLEY_LIMITS_FORGOTS_PER_ADDRESS}). */
        @WithDefault("100/1h")
        Rate forgotsPerAddress();

        /** {@code POST /v1/accounts/password/reset} ({@code PARLEY_LIMITS_RESETS_PER_ADDRESS}). */
        @WithDefault("100/1h")
        Rate resetsPerAddress();
    }

    /** Data exports: a user's copy of everything Parley holds about them ({@code PARLEY_EXPORTS_*}). */
    interface Exports {

        /** Exports one account may ask for ({@code PARLEY_EXPORTS_PER_ACCOUNT}). */
        @WithDefault("1/24h")
        Rate perAccount();

        /** How long a ready export can be downloaded before it is deleted. */
        @WithDefault("7d")
        Duration keep();

        /** How often pending exports are looked for (each request also starts a look at once). */
        @WithDefault("5s")
        Duration pollInterval();

        /** Delay before gathering again after a service could not answer; doubles with each attempt up to a minute. */
        @WithDefault("2s")
        Duration retryBackoff();

        /** How long an export is tried before it is marked failed. */
        @WithDefault("10m")
        Duration giveUpAfter();
    }

    /** Where the other services' parts of an export come from ({@code PARLEY_EXPORT_SOURCES_*}). */
    interface Export {

        Sources sources();

        /** The internal ports of the services holding a user's data ({@code /internal/v1/users/{id}/export}). */
        interface Sources {

            Friendship friendship();

            Chat chat();
        }

        interface Friendship {

            /** {@code PARLEY_EXPORT_SOURCES_FRIENDSHIP_URL}. */
            @WithDefault("http://localhost:9082")
            String url();
        }

        interface Chat {

            /** {@code PARLEY_EXPORT_SOURCES_CHAT_URL}. */
            @WithDefault("http://localhost:9083")
            String url();
        }
    }
}
