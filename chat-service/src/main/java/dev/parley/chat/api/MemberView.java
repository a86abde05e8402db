package dev.parley.chat.api;

import java.time.Instant;

import dev.parley.chat.Member;

/** A member of a conversation. */
public record MemberView(long userId, String role, Instant joinedAt, long lastReadSeq) {

    public static MemberView of(Member member) {
        return new MemberView(member.userId, member.role, member.joinedAt, member.lastReadSeq);
    }
}
