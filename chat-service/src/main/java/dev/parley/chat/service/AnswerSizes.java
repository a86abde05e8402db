package dev.parley.chat.service;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Keeps answers under a byte budget by measuring their items as clients receive them: written with the application's
 * own JSON settings, so names, timestamps and escaped characters count exactly.
 */
@ApplicationScoped
public class AnswerSizes {

    /** Room for what wraps the items of an answer: braces, field names, a cursor and a flag. */
    static final int ENVELOPE = 256;

    private final ObjectMapper json;

    public AnswerSizes(ObjectMapper json) {
        this.json = json;
    }

    /** Bytes of the value's JSON. */
    long of(Object value) {
        Counter counter = new Counter();
        try {
            json.writeValue(counter, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counter.bytes;
    }

    /** How many of the items, from the first, fit in {@code budget} bytes as the elements of one JSON array. */
    int fitting(List<?> items, long budget) {
        long used = 2;
        for (int i = 0; i < items.size(); i++) {
            used += of(items.get(i)) + (i == 0 ? 0 : 1);
            if (used > budget) {
                return i;
            }
        }
        return items.size();
    }

    private static final class Counter extends OutputStream {

        private long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
