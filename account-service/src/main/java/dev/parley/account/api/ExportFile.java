package dev.parley.account.api;

/** A ready export's document, as it is downloaded: a JSON file named after the export. */
public record ExportFile(String filename, String content) {

    public static ExportFile of(long exportId, String content) {
        return new ExportFile("parley-export-" + exportId + ".json", content);
    }
}
