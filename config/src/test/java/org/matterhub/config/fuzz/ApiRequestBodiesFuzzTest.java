package org.matterhub.config.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.matterhub.portal.api.ApiModels;
import org.matterhub.portal.billing.BillingModels;
import org.matterhub.portal.billing.TimeEntryModels;
import org.matterhub.portal.documents.DocumentModels;
import org.matterhub.routes.vendor.ConnectFlow;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/**
 * Fuzzes the JSON request bodies of the API as the hub reads them: Spring's Jackson converter on the ObjectMapper
 * Spring Boot builds from the production {@code application.yml}, into each {@code @RequestBody} model, then Bean
 * Validation. An input is the model's simple name on the first line (another name picks a model by its hash), then
 * the body. Seeds: the bodies the contract documents and the ITs send (ApiRequestBodiesFuzzTestInputs/bodies).
 * docs/testing.md "Fuzzing".
 */
class ApiRequestBodiesFuzzTest {

    private static final Map<String, Class<?>> MODELS = new LinkedHashMap<>();

    static {
        for (Class<?> c : List.of(ApiModels.InvitationRequest.class, ApiModels.GrantRequest.class,
                ApiModels.ContactCorrectionRequest.class, BillingModels.RecordPaymentRequest.class,
                TimeEntryModels.FirmSettings.class, DocumentModels.ActionRequest.class, JsonNode.class)) {
            MODELS.put(c.getSimpleName(), c);
        }
        // One body model for every vendor's connect request (ConnectController); the contract tells the schemas apart.
        MODELS.put("DmsConnectRequest", ConnectFlow.Request.class);
        MODELS.put("BillingConnectRequest", ConnectFlow.Request.class);
        MODELS.put("ClioConnectRequest", ConnectFlow.Request.class);
    }

    private static final ObjectMapper HUB = hubObjectMapper();
    private static final MappingJackson2HttpMessageConverter CONVERTER = new MappingJackson2HttpMessageConverter(HUB);
    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();
    private static final Validator VALIDATOR = VALIDATION.getValidator();

    @FuzzTest(maxDuration = "10s")
    void bodies(byte[] input) throws Exception {
        int nl = indexOf(input, (byte) '\n');
        String name = new String(input, 0, Math.max(nl, 0), StandardCharsets.UTF_8).strip();
        byte[] body = nl < 0 ? input : Arrays.copyOfRange(input, nl + 1, input.length);
        List<Class<?>> all = List.copyOf(MODELS.values());
        Class<?> model = MODELS.getOrDefault(name, all.get(Math.floorMod(name.hashCode(), all.size())));

        Object read;
        try {
            // What the dispatcher does for @RequestBody. HttpMessageNotReadableException is a 400; so is an
            // IOException (Jackson's CharConversionException for a body it detects as UTF-32 with an invalid code
            // point, found by this test), which Spring's argument resolver wraps into one. Anything else would be a
            // 500: a converter failure, an exception of a record's constructor escaping Jackson.
            read = CONVERTER.read(model, message(body));
        } catch (HttpMessageNotReadableException | java.io.IOException documented) {
            return;
        }
        if (read == null) {
            return; // an empty body or JSON null: @RequestBody(required) answers 400
        }
        assertThat(read).isInstanceOf(model);
        VALIDATOR.validate(read); // never throws, whatever the strings hold

        // What was read is exactly what the hub would write back and read again.
        byte[] written = HUB.writeValueAsBytes(read);
        assertThat(CONVERTER.read(model, message(written))).isEqualTo(read);
    }

    private static HttpInputMessage message(byte[] body) {
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                HttpHeaders headers = new HttpHeaders();
                headers.setContentType(MediaType.APPLICATION_JSON);
                return headers;
            }
        };
    }

    private static ObjectMapper hubObjectMapper() {
        ObjectMapper[] mapper = new ObjectMapper[1];
        new ApplicationContextRunner().withInitializer(new ConfigDataApplicationContextInitializer())
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .run(context -> mapper[0] = context.getBean(ObjectMapper.class));
        return mapper[0];
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }
}
