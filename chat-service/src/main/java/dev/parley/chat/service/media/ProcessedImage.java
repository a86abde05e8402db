package dev.parley.chat.service.media;

/**
 * An image as chat-service keeps it: re-encoded without metadata, upright, and its thumbnail.
 *
 * @param cleaned the bytes to store in place of the upload
 * @param cleanedType the content type of {@code cleaned}
 * @param width the width as displayed, in pixels
 * @param height the height as displayed, in pixels
 * @param thumbnail a JPEG whose longest side is at most {@link ImageFiles#THUMBNAIL_SIDE} pixels
 */
public record ProcessedImage(byte[] cleaned, String cleanedType, int width, int height, byte[] thumbnail) {
}
