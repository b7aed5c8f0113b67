package org.matterhub.simulators.common;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldSelectionTest {

    private static final Map<String, Object> RECORD = Map.of(
            "id", 7, "etag", "\"a\"", "name", "Acme",
            "client", Map.of("id", 1, "name", "Northwind", "type", "Company"),
            "email_addresses", List.of(Map.of("id", 3, "address", "a@b.example", "primary", true)));

    @Test
    void selectsNestedObjectsAndListsOfObjects() {
        FieldSelection sel = FieldSelection.parse("id, client{name}, email_addresses{address}");
        assertThat(sel.apply(RECORD)).isEqualTo(Map.of("id", 7, "client", Map.of("name", "Northwind"),
                "email_addresses", List.of(Map.of("address", "a@b.example"))));
        assertThat(sel.unknownFields(RECORD)).isEmpty();
        assertThat(sel.toString()).isEqualTo("id,client{name},email_addresses{address}");
    }

    @Test
    void wholeValueWhenNoBracesAndDuplicatesMerge() {
        assertThat(FieldSelection.parse("client").apply(RECORD).get("client")).isEqualTo(RECORD.get("client"));
        assertThat(FieldSelection.parse("client{id},client{name}").apply(RECORD).get("client"))
                .isEqualTo(Map.of("id", 1, "name", "Northwind"));
    }

    @Test
    void reportsUnknownFieldsAndSyntaxErrors() {
        assertThat(FieldSelection.parse("id,nope,client{id,bogus}").unknownFields(RECORD))
                .containsExactly("nope", "client.bogus");
        assertThatThrownBy(() -> FieldSelection.parse("id,client{name")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldSelection.parse("id,,name")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldSelection.parse("id}")).isInstanceOf(IllegalArgumentException.class);
    }
}
