package org.matterhub.connectors.clio;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A Clio Contact with the fields {@link ClioClient#CONTACT_FIELDS} requests (schema {@code Contact}).
 *
 * @param type {@code Person} or {@code Company}
 * @param etag pass it to {@link ClioClient#patchContact} as {@code If-Match}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClioContact(
        long id,
        String etag,
        String name,
        @JsonProperty("first_name") String firstName,
        @JsonProperty("middle_name") String middleName,
        @JsonProperty("last_name") String lastName,
        String type,
        @JsonProperty("is_client") Boolean isClient,
        @JsonProperty("primary_email_address") String primaryEmailAddress,
        @JsonProperty("primary_phone_number") String primaryPhoneNumber,
        ClioContactRef company,
        @JsonProperty("email_addresses") List<ClioEmailAddress> emailAddresses,
        @JsonProperty("phone_numbers") List<ClioPhoneNumber> phoneNumbers,
        List<ClioAddress> addresses,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt) {

    public ClioContact {
        emailAddresses = emailAddresses == null ? List.of() : List.copyOf(emailAddresses);
        phoneNumbers = phoneNumbers == null ? List.of() : List.copyOf(phoneNumbers);
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    /** The email address flagged primary, if any. */
    public Optional<ClioEmailAddress> primaryEmail() {
        return emailAddresses.stream().filter(ClioEmailAddress::isPrimary).findFirst();
    }

    /** The phone number flagged primary, if any. */
    public Optional<ClioPhoneNumber> primaryPhone() {
        return phoneNumbers.stream().filter(ClioPhoneNumber::isPrimary).findFirst();
    }

    /** The address flagged primary, if any. */
    public Optional<ClioAddress> primaryAddress() {
        return addresses.stream().filter(ClioAddress::isPrimary).findFirst();
    }
}
