package dev.parley.chat.service;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.smallrye.mutiny.Uni;

/** Runs outside {@code @WithTransaction}'s interceptor, so what it sees complete has committed. */
@Announces
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class AnnouncesInterceptor {

    private final Fanout fanout;

    public AnnouncesInterceptor(Fanout fanout) {
        this.fanout = fanout;
    }

    @AroundInvoke
    Object announceAfterCommit(InvocationContext context) {
        return Uni.createFrom().deferred(() -> {
            if (!PendingAnnouncements.begin()) {
                return proceed(context);
            }
            return proceed(context)
                    .onItemOrFailure().invoke((item, failure) -> {
                        List<Announcement> events = PendingAnnouncements.end();
                        if (failure == null) {
                            fanout.committed(events);
                        }
                    });
        });
    }

    @SuppressWarnings("unchecked")
    private static Uni<Object> proceed(InvocationContext context) {
        try {
            return (Uni<Object>) context.proceed();
        } catch (Exception e) {
            return Uni.createFrom().failure(e);
        }
    }
}
