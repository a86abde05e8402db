package dev.parley.account.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import dev.parley.account.Account;
import dev.parley.account.api.ExportDocument;
import dev.parley.account.api.ExportDocument.ExportedAccount;
import dev.parley.account.api.ExportDocument.ExportedSession;
import dev.parley.account.api.UserView;
import dev.parley.account.client.ExportSources;
import dev.parley.account.repository.AccountRepository;
import dev.parley.account.repository.SessionRepository;
import dev.parley.common.time.Timestamps;

/** Gathers one user's export document: this service's tables first, then friendship's and chat's parts together. */
@ApplicationScoped
public class ExportDocuments {

    private record Own(Account account, List<ExportedSession> sessions) {
    }

    private final AccountRepository accounts;
    private final SessionRepository sessions;
    private final ExportSources sources;
    private final ObjectMapper json;

    public ExportDocuments(AccountRepository accounts, SessionRepository sessions, ExportSources sources,
            ObjectMapper json) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.sources = sources;
        this.json = json;
    }

    /** The document as JSON text; fails when the account is gone or another service does not answer. */
    public Uni<String> gather(long accountId) {
        return own(accountId).chain(own -> Uni.combine().all()
                .unis(sources.friendship(accountId), sources.chat(accountId)).asTuple()
                .map(parts -> write(new ExportDocument(Timestamps.now(), ExportedAccount.of(own.account()),
                        own.sessions(), UserView.of(own.account()), parts.getItem1(), parts.getItem2()))));
    }

    // Read in one session that ends before the other services are called.
    @WithSession
    Uni<Own> own(long accountId) {
        return accounts.findById(accountId)
                .onItem().ifNull().failWith(() -> new IllegalStateException("Account " + accountId + " is gone"))
                .chain(account -> sessions.listAll(accountId)
                        .map(rows -> new Own(account, rows.stream().map(ExportedSession::of).toList())));
    }

    private String write(ExportDocument document) {
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Export document cannot be written", e);
        }
    }
}
