package dev.parley.chat.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import dev.parley.chat.api.MemberView;
import dev.parley.chat.repository.ReceiptRepository;

/**
 * Read marks shown with members follow the read-receipts setting: a member who keeps receipts private shows none to
 * others, and sees none of theirs.
 */
@ApplicationScoped
public class ReceiptPrivacy {

    private final Pool pool;
    private final ReceiptRepository receipts;

    public ReceiptPrivacy(Pool pool, ReceiptRepository receipts) {
        this.pool = pool;
        this.receipts = receipts;
    }

    /** The members as the reader sees them. */
    public Uni<List<MemberView>> asSeenBy(long reader, List<MemberView> members) {
        List<Long> ids = new ArrayList<>(members.stream().map(MemberView::userId).toList());
        ids.add(reader);
        return receipts.hiding(pool, ids).map(hiding -> members.stream()
                .map(member -> member.userId() != reader
                        && (hiding.contains(reader) || hiding.contains(member.userId()))
                                ? member.withoutReadMark()
                                : member)
                .toList());
    }

    /** The member as every member sees them alike, in an event. */
    public Uni<MemberView> shared(MemberView member) {
        return receipts.hiding(pool, List.of(member.userId()))
                .map(hiding -> hiding.isEmpty() ? member : member.withoutReadMark());
    }
}
