package org.matterhub.mappings.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.stream.Collectors;

/**
 * Why a connection's settings JSON was refused, in words a firm admin can act on: the settings' own checks speak for
 * themselves; the JSON parser's messages (class names, source excerpts) never reach the caller.
 */
public final class SettingsJson {

    private SettingsJson() {
    }

    /** A {@link IllegalArgumentException} for settings that could not be read, naming {@code what} ("accounting settings"). */
    public static IllegalArgumentException refused(String what, Exception e) {
        return new IllegalArgumentException("Invalid " + what + ": " + reason(e), e);
    }

    static String reason(Exception e) {
        if (e.getCause() instanceof IllegalArgumentException own) {
            return own.getMessage();
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + u.getPropertyName() + "'.";
        }
        if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            return "field '" + m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")) + "' has the wrong type or value.";
        }
        if (e instanceof JsonProcessingException) {
            return "the settings are not valid JSON.";
        }
        return "the settings could not be read.";
    }
}
