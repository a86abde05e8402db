package dev.parley.account.api;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.parley.account.DataExport;

/** A data export's progress; once ready, where to download it and until when. */
public record ExportView(long id,
        @Schema(enumeration = {
                "pending", "ready", "failed"}) String status,
        Instant createdAt,
        @Schema(description = "Absolute URL of the document (the bearer token of the same user downloads it); "
                + "null until the export is ready") String downloadUrl,
        @Schema(description = "When the document is deleted; null until the export is ready") Instant expiresAt){

    /** The view of an export; {@code publicUrl} is the base URL clients reach the API at. */
    public static ExportView of(DataExport export, String publicUrl) {
        boolean ready = DataExport.READY.equals(export.status);
        return new ExportView(export.id, export.status, export.createdAt,
                ready ? publicUrl + downloadPath(export.id) : null, ready ? export.expiresAt : null);
    }

    public static String downloadPath(long id) {
        return "/v1/accounts/me/exports/" + id + "/download";
    }
}
