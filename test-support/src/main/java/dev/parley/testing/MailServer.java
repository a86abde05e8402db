package dev.parley.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP server (GreenMail) on a free port of 127.0.0.1 in the test JVM; account-service delivers its mails to
 * it. Mails are read the way their recipient would: the verification link, the password reset token, the n-th mail
 * to an address.
 */
public final class MailServer {

    private static final Pattern VERIFY_LINK = Pattern.compile("(https?://\\S+/v1/accounts/verify/(\\S+))");
    private static final Pattern RESET_TOKEN = Pattern.compile("within \\d+ minutes:\\s+(\\S+)");
    // The outbox sender polls every few seconds and backs off after a failure.
    private static final Duration MAIL_WAIT = Duration.ofSeconds(20);

    private final int port;
    private volatile GreenMail server;

    private MailServer(int port) {
        this.port = port;
    }

    /** A running server on a free port. */
    public static MailServer start() {
        MailServer mail = new MailServer(freePort());
        mail.startAgain();
        return mail;
    }

    public int port() {
        return port;
    }

    /** Stops accepting mail: senders see the SMTP server down. */
    public void stop() {
        server.stop();
    }

    /** Accepts mail again on the same port, with an empty mailbox. */
    public void startAgain() {
        GreenMail restarted = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        restarted.start();
        server = restarted;
    }

    /** Every mail delivered so far to the address. */
    public List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(server.getReceivedMessages())
                .filter(message -> recipients(message).contains(address))
                .toList();
    }

    /** Waits for the n-th mail to the address (1-based) and returns its text. */
    public String awaitMail(String address, int n) {
        Awaitility.await("mail " + n + " to " + address).atMost(MAIL_WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> mailsTo(address).size() >= n);
        return GreenMailUtil.getBody(mailsTo(address).get(n - 1)).replace("=\r\n", "").replace("=3D", "=");
    }

    /** The verification link in the first mail to the address, exactly as the user would click it. */
    public String verificationLink(String address) {
        return find(VERIFY_LINK, awaitMail(address, 1), "verification link", address).group(1);
    }

    /** The verification token in the n-th mail to the address. */
    public String verificationToken(String address, int n) {
        return find(VERIFY_LINK, awaitMail(address, n), "verification link", address).group(2);
    }

    /** The password reset token in the n-th mail to the address. */
    public String resetToken(String address, int n) {
        return find(RESET_TOKEN, awaitMail(address, n), "reset token", address).group(1);
    }

    private static Matcher find(Pattern pattern, String text, String what, String address) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("no " + what + " in the mail to " + address);
        }
        return matcher;
    }

    private static String recipients(MimeMessage message) {
        try {
            return Arrays.toString(message.getRecipients(Message.RecipientType.TO));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
