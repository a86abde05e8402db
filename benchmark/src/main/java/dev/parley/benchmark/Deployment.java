package dev.parley.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The product as scripts/run.sh runs it, on free ports of 127.0.0.1: account-service, friendship-service and one or
 * more replicas of chat-service (processes of the same jar on the same database), each migrated by its jar (migrate
 * and exit, as in production) and then started from it. Logs go to {@code benchmark/target/logs}.
 */
final class Deployment implements AutoCloseable {

    static final Path LOGS = Path.of("benchmark/target/logs");

    private final ServiceProcess account;
    private final ServiceProcess friendship;
    private final List<ServiceProcess> chat;
    private boolean closed;

    private Deployment(ServiceProcess account, ServiceProcess friendship, List<ServiceProcess> chat) {
        this.account = account;
        this.friendship = friendship;
        this.chat = chat;
    }

    static Deployment start(Settings settings, Mailbox mail, int chatReplicas) throws Exception {
        return start(settings, mail, chatReplicas, Map.of());
    }

    /** With settings of the mode's own for every chat-service replica. */
    static Deployment start(Settings settings, Mailbox mail, int chatReplicas, Map<String, String> chatSettings)
            throws Exception {
        Wiring.Ports accountPorts = ports();
        Wiring.Ports friendshipPorts = ports();
        List<Wiring.Ports> chatPorts = new ArrayList<>();
        for (int i = 0; i < chatReplicas; i++) {
            chatPorts.add(ports());
        }
        Wiring wiring = new Wiring(settings, Secrets.generate(Path.of("benchmark/target/secrets")), mail.port(),
                accountPorts, friendshipPorts, chatPorts, chatSettings);
        Map<Service, Map<String, String>> migrations = Map.of(Service.ACCOUNT, wiring.account(), Service.FRIENDSHIP,
                wiring.friendship(), Service.CHAT, wiring.chat(0));
        Progress.log("migrating the schemas of the fresh database");
        Parallel.map(List.copyOf(migrations.keySet()), migrations.size(), service -> {
            ServiceProcess.migrate(service.toString(), settings.jar(service), migrations.get(service),
                    LOGS);
            return service;
        });
        List<ServiceProcess> chat = new ArrayList<>();
        Deployment deployment = new Deployment(
                ServiceProcess.start(Service.ACCOUNT.toString(), settings.jar(Service.ACCOUNT),
                        wiring.account(), accountPorts.http(), LOGS),
                ServiceProcess.start(Service.FRIENDSHIP.toString(), settings.jar(Service.FRIENDSHIP),
                        wiring.friendship(), friendshipPorts.http(), LOGS),
                chat);
        Runtime.getRuntime().addShutdownHook(new Thread(deployment::close, "bench-deployment-stop"));
        for (int i = 0; i < chatReplicas; i++) {
            chat.add(ServiceProcess.start(Service.CHAT + "-" + (i + 1), settings.jar(Service.CHAT),
                    wiring.chat(i), chatPorts.get(i).http(), LOGS));
        }
        List<ServiceProcess> all = deployment.all();
        Parallel.map(all, all.size(), process -> {
            process.awaitReady();
            return process;
        });
        Progress.log("ready: " + all + "; logs in " + LOGS);
        return deployment;
    }

    String accountUrl() {
        return account.url();
    }

    String friendshipUrl() {
        return friendship.url();
    }

    /** The API of each chat-service replica, in replica order. */
    List<String> chatUrls() {
        return chat.stream().map(ServiceProcess::url).toList();
    }

    /** {@code kill -9} of one chat-service replica. */
    void kill(int replica) throws InterruptedException {
        chat.get(replica).kill();
    }

    List<ServiceProcess> all() {
        List<ServiceProcess> all = new ArrayList<>(List.of(account, friendship));
        all.addAll(chat);
        return all;
    }

    /** Stops every process at once (SIGTERM) and waits for them; safe to call again. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<ServiceProcess> all = all();
        try {
            Parallel.map(all, all.size(), process -> {
                process.close();
                return process;
            });
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the services", e);
        }
    }

    private static Wiring.Ports ports() throws Exception {
        return new Wiring.Ports(ServiceProcess.freePort(), ServiceProcess.freePort());
    }
}
