package dev.parley.chat.api;

import java.time.Instant;

import dev.parley.chat.Member;

/** A member of a conversation; {@code lastReadSeq} is null while receipts are kept private. */
public record MemberView(long userId, String role, Instant joinedAt, Long lastReadSeq) {

    public static MemberView of(Member member) {
        return new MemberView(member.userId, member.role, member.joinedAt, member.lastReadSeq);
    }

    /** The member without their read mark. */
    public MemberView withoutReadMark() {
        return new MemberView(userId, role, joinedAt, null);
    }
}
