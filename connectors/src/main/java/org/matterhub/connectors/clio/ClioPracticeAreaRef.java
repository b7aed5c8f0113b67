package org.matterhub.connectors.clio;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A nested PracticeArea ({@code matter.practice_area}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClioPracticeAreaRef(Long id, String name) {
}
