package dev.parley.account.service;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.account.config.AccountConfig;
import dev.parley.common.error.ApiException;
import dev.parley.common.validation.Input;

/** What makes an email, password or username acceptable, and who may register. */
@ApplicationScoped
public class AccountRules {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");
    private static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9_.-]{3,32}$");
    // The longest address SMTP can carry (RFC 5321); anything longer is refused before it reaches the database.
    static final int MAX_EMAIL = 254;
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 256;

    private final List<String> whitelist;

    public AccountRules(AccountConfig config) {
        this.whitelist = config.registration().whitelist()
                .map(list -> Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .map(s -> s.toLowerCase(Locale.ROOT)).toList())
                .orElse(List.of());
    }

    /** The email a request names, trimmed and in lower case; 400 when it is missing or longer than any address. */
    public static String email(String raw) {
        String email = Input.required("email", raw).trim().toLowerCase(Locale.ROOT);
        if (email.length() > MAX_EMAIL) {
            throw Input.invalidValue("email");
        }
        return email;
    }

    public void checkEmail(String email) {
        if (!EMAIL.matcher(email).matches()) {
            throw ApiException.badRequest("Invalid email address");
        }
    }

    public void checkPassword(String password) {
        if (password.length() < MIN_PASSWORD) {
            throw ApiException.badRequest("Password must be at least " + MIN_PASSWORD + " characters");
        }
        if (password.length() > MAX_PASSWORD) {
            throw ApiException.badRequest("Password must be at most " + MAX_PASSWORD + " characters");
        }
    }

    public void checkUsername(String username) {
        if (!USERNAME.matcher(username).matches()) {
            throw ApiException.badRequest(
                    "Username must be 3 to 32 characters of letters, digits, '_', '.' or '-'");
        }
    }

    /** Open registration when no whitelist is set; otherwise exact emails and {@code *@domain} patterns. */
    public void checkWhitelisted(String email) {
        if (whitelist.isEmpty()) {
            return;
        }
        String domain = email.substring(email.lastIndexOf('@'));
        boolean allowed = whitelist.stream().anyMatch(entry -> entry.equals(email) || entry.equals("*" + domain));
        if (!allowed) {
            throw ApiException.badRequest("Email not whitelisted");
        }
    }
}
