package dev.parley.friendship.service;

import org.hibernate.exception.ConstraintViolationException;

/** Recognises an insert that lost a race to a unique index. */
final class UniqueViolations {

    private UniqueViolations() {
    }

    static boolean of(Throwable e, String index) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException violation && index.equals(violation.getConstraintName())) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().contains(index)) {
                return true;
            }
        }
        return false;
    }
}
