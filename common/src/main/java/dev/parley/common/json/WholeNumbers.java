package dev.parley.common.json;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * Ids, seqs and counts read from JSON integers that fit in 64 bits. Jackson itself fails a larger integer as a
 * parse error without the field's name; here it is a mismatched value like any other, so the client is told
 * {@code Invalid value for '<field>'}. Other shapes go to Jackson's own reader, which the coercion rules govern.
 */
final class WholeNumbers extends StdDeserializer<Long> {

    private final NumberDeserializers.LongDeserializer standard;

    private WholeNumbers(Class<Long> type, Long nullValue) {
        super(type);
        this.standard = new NumberDeserializers.LongDeserializer(type, nullValue);
    }

    static void register(SimpleModule module) {
        module.addDeserializer(Long.class, new WholeNumbers(Long.class, null))
                .addDeserializer(long.class, new WholeNumbers(long.class, 0L));
    }

    @Override
    public Long deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT
                && parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            return (Long) context.handleUnexpectedToken(Long.class, parser);
        }
        return standard.deserialize(parser, context);
    }

    @Override
    public Long getNullValue(DeserializationContext context) throws JsonMappingException {
        return (Long) standard.getNullValue(context);
    }
}
