package dev.parley.chat.service;

/**
 * A send into a direct conversation that chat's own copy of the relationships did not allow in the batch: the full
 * check ({@link Relationships#requireMayWrite}) decides, asking friendship-service where the copy may be behind.
 */
final class PeerUnconfirmed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PeerUnconfirmed() {
        super("The peer check of a direct conversation needs the full check", null, false, false);
    }
}
