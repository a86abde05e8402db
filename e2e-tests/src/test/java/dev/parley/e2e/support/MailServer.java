package dev.parley.e2e.support;

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

/** A real SMTP server (GreenMail) in the test JVM on 127.0.0.1; account-service delivers its mails to it. */
public final class MailServer {

    private static final Pattern RESET_TOKEN = Pattern.compile("within \\d+ minutes:\\s+(\\S+)");
    private static final Pattern VERIFY_LINK = Pattern.compile("(https?://\\S+/v1/accounts/verify/\\S+)");

    private final GreenMail server;
    private final int port;

    private MailServer(GreenMail server, int port) {
        this.server = server;
        this.port = port;
    }

    static MailServer start() {
        int port = freePort();
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return new MailServer(server, port);
    }

    public int port() {
        return port;
    }

    void stop() {
        server.stop();
    }

    /** Every mail delivered so far to the address. */
    public List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(server.getReceivedMessages())
                .filter(message -> recipients(message).contains(address))
                .toList();
    }

    /** Waits (at most 20 s: the outbox sender polls every 2 s) for the first mail to the address; its text. */
    public String awaitMail(String address) {
        Awaitility.await("a mail to " + address).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> !mailsTo(address).isEmpty());
        return GreenMailUtil.getBody(mailsTo(address).get(0)).replace("=\r\n", "").replace("=3D", "=");
    }

    /** The verification link in the first mail to the address, exactly as the user would click it. */
    public String verificationLink(String address) {
        Matcher matcher = VERIFY_LINK.matcher(awaitMail(address));
        if (!matcher.find()) {
            throw new AssertionError("no verification link in the mail to " + address);
        }
        return matcher.group(1);
    }

    /** The token in the password reset mail to the address (its second mail, after the verification). */
    public String resetToken(String address) {
        Awaitility.await("a reset mail to " + address).atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100)).until(() -> mailsTo(address).size() >= 2);
        String text = GreenMailUtil.getBody(mailsTo(address).get(1)).replace("=\r\n", "").replace("=3D", "=");
        Matcher matcher = RESET_TOKEN.matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("no reset token in the mail to " + address);
        }
        return matcher.group(1);
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
