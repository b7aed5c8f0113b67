package org.matterhub.portal.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import java.util.List;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Strict input everywhere the API reads: the contract ({@link ApiContract}, applied by {@link ContractFilter} in the
 * security chain), JSON only (no XML converter reads or writes a body, whatever the classpath holds), and a Jackson
 * that refuses trailing tokens, duplicate keys and unknown properties (the last in {@code application.yml}).
 */
@Configuration(proxyBeanMethods = false)
public class ContractConfiguration implements WebMvcConfigurer {

    @Bean
    ApiContract apiContract() {
        return ApiContract.load();
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictJsonInput() {
        return builder -> builder
                .featuresToEnable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** No body is read or written as XML: the API speaks JSON (and the few binary types its operations name). */
    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.removeIf(ContractConfiguration::speaksXml);
    }

    static boolean speaksXml(HttpMessageConverter<?> converter) {
        return converter.getSupportedMediaTypes().stream().anyMatch(t -> !t.isWildcardSubtype()
                && (t.getSubtype().equals("xml") || t.getSubtype().endsWith("+xml")));
    }
}
