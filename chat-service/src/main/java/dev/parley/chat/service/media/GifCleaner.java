package dev.parley.chat.service.media;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A GIF rewritten block by block without what is not picture: comment extensions, and application extensions other
 * than the looping ones ({@code NETSCAPE2.0}, {@code ANIMEXTS1.0}), which is where XMP and other metadata live.
 * Frames, their timing and palettes are copied byte for byte, so animation survives. Anything after the trailer is
 * dropped. Every frame, and the logical screen, must stay within {@code maxPixels}.
 */
final class GifCleaner {

    /** The cleaned bytes and the logical screen size, which is what viewers display. */
    record Gif(byte[] bytes, int width, int height) {
    }

    private static final int EXTENSION = 0x21;
    private static final int IMAGE = 0x2C;
    private static final int TRAILER = 0x3B;
    private static final int APPLICATION = 0xFF;
    private static final int COMMENT = 0xFE;
    private static final Set<String> LOOPING = Set.of("NETSCAPE2.0", "ANIMEXTS1.0");

    private final ByteBuffer in;
    private final ByteArrayOutputStream out;
    private final long maxPixels;

    private GifCleaner(byte[] gif, long maxPixels) {
        this.in = ByteBuffer.wrap(gif).order(ByteOrder.LITTLE_ENDIAN);
        this.out = new ByteArrayOutputStream(gif.length);
        this.maxPixels = maxPixels;
    }

    static Gif clean(byte[] gif, long maxPixels) {
        try {
            return new GifCleaner(gif, maxPixels).clean();
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new UnreadableImage("The GIF is truncated");
        }
    }

    private Gif clean() {
        String signature = new String(in.array(), 0, Math.min(6, in.limit()), StandardCharsets.US_ASCII);
        if (!signature.equals("GIF87a") && !signature.equals("GIF89a")) {
            throw new UnreadableImage("Not a GIF image");
        }
        int width = in.getShort(6) & 0xFFFF;
        int height = in.getShort(8) & 0xFFFF;
        requireWithinLimit(width, height);
        int flags = in.get(10);
        copy(13);
        copyColorTable(flags);
        // a missing trailer is common in the wild and viewers accept it; one is written below either way
        while (in.hasRemaining()) {
            int block = in.get() & 0xFF;
            if (block == TRAILER) {
                break;
            } else if (block == IMAGE) {
                out.write(IMAGE);
                requireWithinLimit(in.getShort(in.position() + 4) & 0xFFFF, in.getShort(in.position() + 6) & 0xFFFF);
                int imageFlags = in.get(in.position() + 8);
                copy(9);
                copyColorTable(imageFlags);
                copy(1);
                copySubBlocks();
            } else if (block == EXTENSION) {
                int label = in.get() & 0xFF;
                if (label == COMMENT || label == APPLICATION && !looping()) {
                    skipSubBlocks();
                } else {
                    out.write(EXTENSION);
                    out.write(label);
                    copySubBlocks();
                }
            } else {
                throw new UnreadableImage("The GIF is damaged");
            }
        }
        out.write(TRAILER);
        return new Gif(out.toByteArray(), width, height);
    }

    private void requireWithinLimit(int width, int height) {
        if ((long) width * height > maxPixels) {
            throw new UnreadableImage("The image has more than " + maxPixels + " pixels");
        }
    }

    private boolean looping() {
        int at = in.position();
        return (in.get(at) & 0xFF) == 11
                && LOOPING.contains(new String(in.array(), at + 1, 11, StandardCharsets.US_ASCII));
    }

    private void copyColorTable(int flags) {
        if ((flags & 0x80) != 0) {
            copy(3 << ((flags & 0x07) + 1));
        }
    }

    private void copySubBlocks() {
        int size;
        do {
            size = in.get() & 0xFF;
            out.write(size);
            copy(size);
        } while (size != 0);
    }

    private void skipSubBlocks() {
        int size;
        do {
            size = in.get() & 0xFF;
            in.position(in.position() + size);
        } while (size != 0);
    }

    private void copy(int length) {
        if (length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        out.write(in.array(), in.position(), length);
        in.position(in.position() + length);
    }
}
