package org.matterhub.simulators.quickbooks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.jaxb.JaxbAnnotationModule;
import com.intuit.ipp.data.Fault;
import com.intuit.ipp.data.IntuitEntity;

import javax.xml.bind.annotation.XmlElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks simulator JSON against Intuit's schema through the devkit's own classes, which Intuit generates with JAXB
 * from the XSDs in {@code contracts/quickbooks/} (same element names, types and {@code required} flags):
 * <ol>
 *   <li>each entity is read with Jackson + the JAXB-annotation module (as the devkit reads it) into its generated
 *       class with {@code FAIL_ON_UNKNOWN_PROPERTIES} on: a misspelt or unknown property, a wrong type or an
 *       enumeration value the XSD does not allow fails;</li>
 *   <li>every element the XSD marks required ({@code @XmlElement(required = true)}) must be present.</li>
 * </ol>
 * Marshalling to XML and validating with {@code Finance.xsd} is not possible here: the generated classes carry
 * {@code javax.xml.bind} annotations while the devkit 6.4.2 ships the Jakarta JAXB 4 runtime, which ignores them.
 */
final class QboContract {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .registerModule(new JaxbAnnotationModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);

    private QboContract() {
    }

    /** Validates a response envelope ({@code {"Invoice":{…},"time":…}}, {@code QueryResponse}, {@code Fault}). */
    static void validate(String json) throws Exception {
        JsonNode root = new ObjectMapper().readTree(json);
        assertThat(root.has("time")).as("envelope has time").isTrue();
        root.fields().forEachRemaining(f -> {
            try {
                switch (f.getKey()) {
                    case "time" -> assertThat(QboTime.parse(f.getValue().asText())).isNotNull();
                    case "Fault" -> check(f.getValue(), Fault.class);
                    case "QueryResponse" -> entities(f.getValue());
                    case "CDCResponse" -> {
                        for (JsonNode cdc : f.getValue()) {
                            for (JsonNode qr : cdc.path("QueryResponse")) {
                                entities(qr);
                            }
                        }
                    }
                    default -> check(f.getValue(), entityClass(f.getKey()));
                }
            } catch (Exception e) {
                throw new AssertionError("contract violation in " + f.getKey() + ": " + e.getMessage(), e);
            }
        });
    }

    private static void entities(JsonNode queryResponse) throws Exception {
        var it = queryResponse.fields();
        while (it.hasNext()) {
            var f = it.next();
            if (f.getValue().isArray()) {
                for (JsonNode e : f.getValue()) {
                    if (!"Deleted".equals(e.path("status").asText())) {
                        check(e, entityClass(f.getKey()));
                    } else {
                        STRICT.treeToValue(e, entityClass(f.getKey()));
                    }
                }
            } else {
                assertThat(f.getKey()).isIn("startPosition", "maxResults", "totalCount");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends IntuitEntity> entityClass(String name) throws ClassNotFoundException {
        return (Class<? extends IntuitEntity>) Class.forName("com.intuit.ipp.data." + name);
    }

    static <T> T check(JsonNode node, Class<T> type) throws Exception {
        T value = STRICT.treeToValue(node, type);
        List<String> missing = new ArrayList<>();
        required(value, type.getSimpleName(), missing, new IdentityHashMap<>());
        assertThat(missing).as("elements the XSD requires").isEmpty();
        return value;
    }

    private static void required(Object o, String path, List<String> out, Map<Object, Boolean> seen) throws IllegalAccessException {
        if (o == null || seen.put(o, true) != null || !o.getClass().getName().startsWith("com.intuit.ipp.data")) {
            return;
        }
        for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                Object v = f.get(o);
                XmlElement el = f.getAnnotation(XmlElement.class);
                if (el != null && el.required() && v == null) {
                    out.add(path + "." + (el.name().equals("##default") ? f.getName() : el.name()));
                }
                if (v instanceof Collection<?> col) {
                    for (Object item : col) {
                        required(item, path + "." + f.getName() + "[]", out, seen);
                    }
                } else if (v != null && !v.getClass().isEnum()) {
                    required(v, path + "." + f.getName(), out, seen);
                }
            }
        }
    }
}
