package dev.parley.account;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A failed login for an email, kept in the database so the lockout holds across replicas. */
@Entity
@Table(name = "failed_logins")
public class FailedLogin {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String email;

    @Column(name = "attempted_at", nullable = false)
    public Instant attemptedAt;
}
