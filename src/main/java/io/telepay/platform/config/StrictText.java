package io.telepay.platform.config;

import java.time.Instant;

import io.telepay.shared.Checks;
import io.telepay.shared.InvalidInput;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Every text field of every request body, whatever its command checks: a number or boolean sent for text is
 * refused (not quietly turned into "123"), a number for a yes/no field too, and so is a control character other
 * than tab and line breaks (a NUL would otherwise reach the database, which refuses it without naming the field).
 * A time takes an RFC 3339 string: a number is refused, not read as seconds since 1970 (a client sending
 * milliseconds would otherwise set an expiry 50,000 years away). A number takes a JSON number, not a string
 * holding one, and a property given twice in one object is refused. Each answers 400 naming the field.
 */
@Component
class StrictText implements JsonMapperBuilderCustomizer {

    @Override
    public void customize(JsonMapper.Builder builder) {
        builder.addModule(new SimpleModule("strict-text").addDeserializer(String.class, new Deserializer())
                        .addDeserializer(Instant.class, new Times()))
                // and 2 is not a boolean
                .withCoercionConfig(LogicalType.Boolean, config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                // nor "2" a number: a client that sends text for a count has a bug worth hearing about (money
                // amounts are decimal strings by design and read by Money itself, not by these rules)
                .withCoercionConfig(LogicalType.Integer, config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                // {"amount": 1, "amount": 1000}: which one a proxy, a log or a signature checker read is anyone's guess
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    static final class Times extends ValueDeserializer<Instant> {

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.hasToken(JsonToken.VALUE_NUMBER_INT) || p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
                throw notATime();
            }
            try {
                return InstantDeserializer.INSTANT.deserialize(p, ctxt);
            } catch (DatabindException e) {
                throw notATime();
            }
        }

        private static InvalidInput notATime() {
            return new InvalidInput("", "must be an RFC 3339 time with its offset, such as 2026-11-29T09:30:00Z");
        }
    }

    static final class Deserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.hasToken(JsonToken.VALUE_NUMBER_INT) || p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)
                    || p.hasToken(JsonToken.VALUE_TRUE) || p.hasToken(JsonToken.VALUE_FALSE)) {
                throw MismatchedInputException.from(p, String.class, "a text field takes a JSON string");
            }
            String value = super.deserialize(p, ctxt);
            if (value != null && Checks.hasControlCharacters(value)) {
                throw new InvalidInput("", "must not contain control characters");
            }
            return value;
        }
    }
}
