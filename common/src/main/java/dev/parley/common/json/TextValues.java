package dev.parley.common.json;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;

/** Strings read from JSON bodies, refused when they hold NUL, which no text column can store. */
final class TextValues extends StdScalarDeserializer<String> {

    TextValues() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String text = StringDeserializer.instance.deserialize(parser, context);
        if (InvalidCharacters.in(text)) {
            throw new InvalidCharacters(parser);
        }
        return text;
    }
}
