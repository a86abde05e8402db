package dev.parley.account.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import dev.parley.account.FailedLogin;

/** Failed logins per email, for the lockout. */
@ApplicationScoped
@WithSession
public class FailedLoginRepository implements PanacheRepository<FailedLogin> {

    /** The newest {@code limit} failures for the email since {@code since}, newest first. */
    public Uni<List<FailedLogin>> recent(String email, Instant since, int limit) {
        return find("email = ?1 and attemptedAt > ?2 order by attemptedAt desc", email, since)
                .range(0, limit - 1).list();
    }

    public Uni<Long> clear(String email) {
        return delete("email", email);
    }

    public Uni<Long> deleteOlderThan(Instant cutoff) {
        return delete("attemptedAt < ?1", cutoff);
    }
}
