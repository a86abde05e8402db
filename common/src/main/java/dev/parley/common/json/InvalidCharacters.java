package dev.parley.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A string value holding characters Parley never stores (NUL); answered 400 {@code Invalid characters in '<field>'}. */
public final class InvalidCharacters extends MismatchedInputException {

    InvalidCharacters(JsonParser parser) {
        super(parser, "A string holds a NUL character", String.class);
    }

    /** Whether the text holds a character that PostgreSQL cannot store in a text column. */
    public static boolean in(String text) {
        return text != null && text.indexOf('\u0000') >= 0;
    }
}
