package dev.parley.friendship.api;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/**
 * Reads a user id from a JSON integer only. Jackson would otherwise turn {@code 4.2} into 4 and {@code "42"} into 42;
 * here they fail like any other mismatched value (400 {@code Invalid value for 'user_id'}).
 */
public class UserIdDeserializer extends StdDeserializer<Long> {

    public UserIdDeserializer() {
        super(Long.class);
    }

    @Override
    public Long deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT
                && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return parser.getLongValue();
        }
        return context.reportInputMismatch(this, "A user id is an integer");
    }
}
