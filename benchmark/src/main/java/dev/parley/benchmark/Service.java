package dev.parley.benchmark;

/** The three services, each with its database schema and the login role that owns it (as prepare-database.sh makes). */
enum Service {

    ACCOUNT("account-service", "account"), FRIENDSHIP("friendship-service", "friendship"), CHAT("chat-service", "chat");

    private final String id;
    private final String schema;

    Service(String id, String schema) {
        this.id = id;
        this.schema = schema;
    }

    /** The login role; its password is its name, as scripts/prepare-database.sh sets for local use. */
    String role() {
        return "parley_" + schema;
    }

    String password() {
        return role();
    }

    @Override
    public String toString() {
        return id;
    }
}
