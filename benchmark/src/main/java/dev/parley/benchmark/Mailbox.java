package dev.parley.benchmark;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP server (GreenMail, as e2e-tests use) on a free port of 127.0.0.1 in this process: account-service
 * delivers its verification mails to it, and the benchmark reads the links from them as their recipients would.
 */
final class Mailbox implements AutoCloseable {

    private static final Pattern VERIFY_LINK = Pattern.compile("https?://\\S+/v1/accounts/verify/(\\S+)");

    private final GreenMail server;
    private final int port;

    private Mailbox(GreenMail server, int port) {
        this.server = server;
        this.port = port;
    }

    static Mailbox start() throws Exception {
        int port = ServiceProcess.freePort();
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return new Mailbox(server, port);
    }

    int port() {
        return port;
    }

    /** Waits for a verification mail to every address; the token of each address's link. */
    Map<String, String> verificationTokens(Collection<String> addresses, Duration within) throws Exception {
        if (!server.waitForIncomingEmail(within.toMillis(), addresses.size())) {
            throw new IllegalStateException("only " + server.getReceivedMessages().length + " of "
                    + addresses.size() + " verification mails arrived within " + within);
        }
        Map<String, String> tokens = new HashMap<>();
        for (MimeMessage mail : server.getReceivedMessages()) {
            // Quoted-printable: soft line breaks and an escaped '=' inside the link.
            String body = GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("=3D", "=");
            Matcher link = VERIFY_LINK.matcher(body);
            if (link.find()) {
                for (Address to : mail.getRecipients(Message.RecipientType.TO)) {
                    tokens.put(to.toString(), link.group(1));
                }
            }
        }
        for (String address : addresses) {
            if (!tokens.containsKey(address)) {
                throw new IllegalStateException("no verification link in the mail to " + address);
            }
        }
        return tokens;
    }

    @Override
    public void close() {
        server.stop();
    }
}
