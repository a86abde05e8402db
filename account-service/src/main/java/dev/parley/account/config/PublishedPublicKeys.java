package dev.parley.account.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.smallrye.jwt.util.KeyUtils;

/**
 * The public keys published and accepted besides the current signing key (the next one before a switch, the previous
 * one after it): those listed in
 * {@code parley.jwt.other-public-keys} and the {@code .pem} files in the directory
 * {@code parley.jwt.other-public-keys-location}. A key that cannot be read stops the start, naming its source.
 */
final class PublishedPublicKeys {

    private PublishedPublicKeys() {
    }

    static List<RSAPublicKey> load(AccountConfig.Jwt config) {
        List<RSAPublicKey> keys = new ArrayList<>();
        for (String pem : config.otherPublicKeys().orElse(List.of())) {
            if (!pem.isBlank()) {
                keys.add(decode(pem, "parley.jwt.other-public-keys"));
            }
        }
        if (config.otherPublicKeysLocation().isPresent()) {
            for (Path file : pemFiles(Path.of(config.otherPublicKeysLocation().get()))) {
                keys.add(decode(read(file), file.toString()));
            }
        }
        return keys;
    }

    private static List<Path> pemFiles(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".pem")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list the other public keys in " + directory, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the other public key " + file, e);
        }
    }

    private static RSAPublicKey decode(String pem, String source) {
        try {
            return (RSAPublicKey) KeyUtils.decodePublicKey(pem);
        } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
            throw new IllegalStateException("Invalid other public key in " + source
                    + ": expected an RSA public key in PEM", e);
        }
    }
}
