package dev.parley.account.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

import dev.parley.account.Account;

/** Accounts by id, email and username. */
@ApplicationScoped
@WithSession
public class AccountRepository implements PanacheRepository<Account> {

    /**
     * The account row, locked until the transaction ends, so two changes of one profile run one after another and
     * neither writes back a value the other has replaced.
     */
    public Uni<Account> lock(long id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<Account> findByEmail(String email) {
        return find("email", email).firstResult();
    }

    public Uni<Boolean> usernameTaken(String username, Long exceptId) {
        return count("lower(username) = lower(:username) and id <> :id",
                Parameters.with("username", username).and("id", exceptId == null ? -1L : exceptId))
                .map(n -> n > 0);
    }

    /** Whether an account other than the expired unverified ones holds the username, in any case. */
    public Uni<Boolean> usernameHeld(String username, Instant unverifiedExpireBefore) {
        return count("lower(username) = lower(?1) and (verified = true or createdAt >= ?2)", username,
                unverifiedExpireBefore).map(n -> n > 0);
    }

    /** Deletes the expired unverified accounts holding the email or the username, with all that hangs on them. */
    public Uni<Long> deleteExpiredHolding(String email, String username, Instant unverifiedExpireBefore) {
        return delete("verified = false and createdAt < ?1 and (email = ?2 or lower(username) = lower(?3))",
                unverifiedExpireBefore, email, username);
    }

    public Uni<Long> deleteExpiredUnverified(Instant unverifiedExpireBefore) {
        return delete("verified = false and createdAt < ?1", unverifiedExpireBefore);
    }

    public Uni<Account> findVerified(long id) {
        return find("id = ?1 and verified = true", id).firstResult();
    }

    /** Verified accounts whose username starts with {@code prefix}, by lower-case username, after {@code after}. */
    public Uni<List<Account>> searchVerified(String prefix, String after, int limit) {
        String pattern = escapeLike(prefix.toLowerCase()) + "%";
        return find("verified = true and lower(username) like :pattern escape '\\' and lower(username) > :after"
                + " order by lower(username)",
                Parameters.with("pattern", pattern).and("after", after == null ? "" : after))
                .range(0, limit - 1).list();
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
