package org.matterhub.connectors.imanage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The iManage connector swagger describes the Power Automate facade, whose paths are not the Work API's, so
 * requests cannot be validated against operations (the simulator's contract test says the same). What can be
 * checked: every field our profile records read is a property of the swagger's {@code FullDocumentProfile},
 * {@code FolderProfile} or {@code WorkspaceProfile} definition, so a typo in a {@code @JsonProperty} or a wrong
 * naming strategy cannot silently read null. The names are those Jackson reads with the connector's mapper.
 * {@code deleted} (crawl tombstones) is our documented assumption.
 */
class ImanageDtoContractTest {

    private static final Set<String> ASSUMED = Set.of("deleted");

    @ParameterizedTest(name = "{0} reads only {1} fields")
    @CsvSource({"ImanageDocument, FullDocumentProfile", "ImanageFolder, FolderProfile",
            "ImanageWorkspace, WorkspaceProfile"})
    void recordFieldsExistInTheDefinition(String record, String definition) throws Exception {
        JsonNode spec;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("contracts/imanage/apiDefinition.swagger.json")) {
            spec = new ObjectMapper().readTree(in);
        }
        JsonNode properties = spec.path("definitions").path(definition).path("properties");
        assertThat(properties.isObject()).isTrue();
        Class<?> type = Class.forName("org.matterhub.connectors.imanage." + record);
        ObjectMapper mapper = ImanageClient.JSON.mapper();
        List<BeanPropertyDefinition> read = mapper.getDeserializationConfig()
                .introspect(mapper.constructType(type)).findProperties();
        assertThat(read).hasSize(type.getRecordComponents().length);
        List<String> missing = new ArrayList<>();
        for (BeanPropertyDefinition p : read) {
            String name = p.getName();
            if (!properties.has(name) && !ASSUMED.contains(name)) {
                missing.add(name);
            }
        }
        assertThat(missing).as(record + " fields not in " + definition).isEmpty();
    }
}
