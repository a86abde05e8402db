package dev.parley.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * After the run: every acknowledged message is in the database exactly once with the seq it was acknowledged with,
 * each conversation's seqs are 1..n without a gap, and each sender's messages are in the order they were sent. Read
 * as chat-service's own role, the owner of its schema.
 */
record Verification(long stored, long lost, long duplicated, long gaps, long outOfOrder, long seqMismatch) {

    boolean clean() {
        return lost == 0 && duplicated == 0 && gaps == 0 && outOfOrder == 0 && seqMismatch == 0;
    }

    static Verification check(Settings settings, List<Conversation> conversations, Map<Long, List<Acked>> acked)
            throws Exception {
        long stored = 0;
        long lost = 0;
        long duplicated = 0;
        long gaps = 0;
        long outOfOrder = 0;
        long mismatch = 0;
        try (Connection db = DriverManager.getConnection(settings.jdbcUrl(), Service.CHAT.role(),
                Service.CHAT.password());
                PreparedStatement rows = db.prepareStatement(
                        "SELECT seq, client_message_id FROM chat.messages WHERE conversation_id = ? ORDER BY seq");
                PreparedStatement last = db.prepareStatement(
                        "SELECT last_seq FROM chat.conversations WHERE id = ?")) {
            for (Conversation conversation : conversations) {
                Map<String, Long> seqByClientId = new HashMap<>();
                long expected = 1;
                rows.setLong(1, conversation.id());
                try (ResultSet found = rows.executeQuery()) {
                    while (found.next()) {
                        long seq = found.getLong(1);
                        if (seq != expected) {
                            gaps++;
                        }
                        expected = seq + 1;
                        if (seqByClientId.put(found.getString(2), seq) != null) {
                            duplicated++;
                        }
                        stored++;
                    }
                }
                last.setLong(1, conversation.id());
                try (ResultSet found = last.executeQuery()) {
                    found.next();
                    if (found.getLong(1) != expected - 1) {
                        gaps++;
                    }
                }
                long previous = 0;
                for (Acked message : List.copyOf(acked.get(conversation.id()))) {
                    Long seq = seqByClientId.get(message.clientId());
                    if (seq == null) {
                        lost++;
                    } else if (seq != message.seq()) {
                        mismatch++;
                    }
                    if (message.seq() <= previous) {
                        outOfOrder++;
                    }
                    previous = message.seq();
                }
            }
        }
        return new Verification(stored, lost, duplicated, gaps, outOfOrder, mismatch);
    }
}
