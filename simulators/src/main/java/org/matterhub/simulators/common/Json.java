package org.matterhub.simulators.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON helpers shared by the simulators. Values are plain maps, lists, strings, numbers and booleans. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Json() {
    }

    /** The shared mapper; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass(), e);
        }
    }

    public static byte[] writeBytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    /** Parses any JSON document into maps/lists/scalars. */
    public static Object parse(String json) throws JsonProcessingException {
        return MAPPER.readValue(json, Object.class);
    }

    /** Parses a JSON object; throws {@link JsonProcessingException} when the text is not one. */
    public static Map<String, Object> parseObject(String json) throws JsonProcessingException {
        if (json == null || json.isBlank()) {
            throw new JsonParseFailure("empty body");
        }
        Object parsed = parse(json);
        if (!(parsed instanceof Map)) {
            throw new JsonParseFailure("body is not a JSON object");
        }
        return MAPPER.convertValue(parsed, new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    /** Raised by {@link #parseObject} for well-formed JSON of the wrong shape. */
    public static final class JsonParseFailure extends JsonProcessingException {
        private static final long serialVersionUID = 1L;

        JsonParseFailure(String message) {
            super(message);
        }
    }
}
