package dev.parley.account.support;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A real SMTP server (GreenMail) in the test JVM; the service under test delivers to it. */
public class MailServer implements QuarkusTestResourceLifecycleManager {

    private static final Pattern VERIFY_LINK = Pattern.compile("(https?://\\S+/v1/accounts/verify/(\\S+))");
    private static final Pattern RESET_TOKEN = Pattern.compile("within \\d+ minutes:\\s+(\\S+)");
    private static volatile GreenMail server;
    private static volatile int port;

    @Override
    public Map<String, String> start() {
        port = freePort();
        startServer();
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", Integer.toString(port));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    public static void startServer() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    public static void stopServer() {
        server.stop();
    }

    /** Every mail delivered so far to the address. */
    public static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(server.getReceivedMessages())
                .filter(message -> recipients(message).contains(address))
                .toList();
    }

    /** Waits for the n-th mail to the address (1-based) and returns its text. */
    public static String awaitMail(String address, int n) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> mailsTo(address).size() >= n);
        return GreenMailUtil.getBody(mailsTo(address).get(n - 1)).replace("=\r\n", "").replace("=3D", "=");
    }

    /** The verification token from the n-th mail to the address. */
    public static String verificationToken(String address, int n) {
        Matcher matcher = VERIFY_LINK.matcher(awaitMail(address, n));
        if (!matcher.find()) {
            throw new AssertionError("no verification link in the mail to " + address);
        }
        return matcher.group(2);
    }

    public static String verificationLink(String address) {
        Matcher matcher = VERIFY_LINK.matcher(awaitMail(address, 1));
        if (!matcher.find()) {
            throw new AssertionError("no verification link in the mail to " + address);
        }
        return matcher.group(1);
    }

    public static String resetToken(String address, int n) {
        Matcher matcher = RESET_TOKEN.matcher(awaitMail(address, n));
        if (!matcher.find()) {
            throw new AssertionError("no reset token in the mail to " + address);
        }
        return matcher.group(1);
    }

    private static String recipients(MimeMessage message) {
        try {
            return Arrays.toString(message.getRecipients(Message.RecipientType.TO));
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
