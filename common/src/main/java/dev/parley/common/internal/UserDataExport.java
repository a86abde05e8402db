package dev.parley.common.internal;

import io.smallrye.mutiny.Uni;

/**
 * What a service holds about one user, as one JSON object, for the user's data export; served on the internal port
 * at {@value ExportRoute#PATH} by the services that have such a bean.
 */
public interface UserDataExport {

    Uni<String> exportOf(long userId);
}
