package org.matterhub.connectors.clio;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.matterhub.connectors.kernel.SnakeCaseJson;

/**
 * A Clio Contact with the fields {@link ClioClient#CONTACT_FIELDS} requests (schema {@code Contact}).
 *
 * @param type {@code Person} or {@code Company}
 * @param etag pass it to {@link ClioClient#patchContact} as {@code If-Match}
 */
@SnakeCaseJson
public record ClioContact(
        long id,
        String etag,
        String name,
        String firstName,
        String middleName,
        String lastName,
        String type,
        Boolean isClient,
        String primaryEmailAddress,
        String primaryPhoneNumber,
        ClioContactRef company,
        List<ClioEmailAddress> emailAddresses,
        List<ClioPhoneNumber> phoneNumbers,
        List<ClioAddress> addresses,
        Instant createdAt,
        Instant updatedAt) {

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
