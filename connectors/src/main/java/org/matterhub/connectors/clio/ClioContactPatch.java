package org.matterhub.connectors.clio;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A client's own contact corrections — primary email, primary phone, primary postal address — as Clio's
 * nested-write PATCH body ({@code PATCH /contacts/{id}.json}, {@code {"data":{"email_addresses":[…],…}}}).
 *
 * <p>Built {@linkplain #of against the contact as last read} (send its etag as {@code If-Match}): a
 * correction updates the current primary item <em>by id</em> (so Clio edits it instead of adding a
 * second one) or, when the contact has no primary item of that kind, creates one. Email and phone are
 * flagged {@code default_email}/{@code default_number}; Clio's write schema has no such flag for
 * addresses, so a created address relies on Clio making the first address primary. A correction equal
 * to the current value is dropped (no echo writes); {@link #isEmpty()} then tells the caller to skip
 * the call. Nothing is ever deleted ({@code _destroy}) by a client correction.
 *
 * @param emailAddress the email item to write, or null
 * @param phoneNumber  the phone item to write, or null
 * @param address      the address item to write, or null
 */
public record ClioContactPatch(EmailAddressWrite emailAddress, PhoneNumberWrite phoneNumber, AddressWrite address) {

    /** Name given to items this patch creates ({@code Work}, {@code Home} and {@code Other} exist for all three). */
    public static final String NEW_ITEM_NAME = "Other";

    /** A postal address as the client enters it. */
    public record PostalAddress(String street, String city, String province, String postalCode, String country) {
    }

    /** One element of {@code email_addresses} in a write. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EmailAddressWrite(Long id, String address, String name,
                                    @JsonProperty("default_email") Boolean defaultEmail) {
    }

    /** One element of {@code phone_numbers} in a write. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PhoneNumberWrite(Long id, String number, String name,
                                   @JsonProperty("default_number") Boolean defaultNumber) {
    }

    /** One element of {@code addresses} in a write. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AddressWrite(Long id, String street, String city, String province,
                               @JsonProperty("postal_code") String postalCode, String country, String name) {
    }

    /**
     * The patch that applies the given corrections to {@code current}.
     *
     * @param primaryEmail   new primary email, or null for no change
     * @param primaryPhone   new primary phone number, or null for no change
     * @param primaryAddress new primary address, or null for no change
     */
    public static ClioContactPatch of(ClioContact current, String primaryEmail, String primaryPhone,
                                      PostalAddress primaryAddress) {
        Objects.requireNonNull(current, "current");
        EmailAddressWrite email = null;
        if (primaryEmail != null) {
            String wanted = primaryEmail.strip();
            ClioEmailAddress existing = current.primaryEmail().orElse(null);
            if (existing == null) {
                email = new EmailAddressWrite(null, wanted, NEW_ITEM_NAME, true);
            } else if (!wanted.toLowerCase(Locale.ROOT).equals(lower(existing.address()))) {
                email = new EmailAddressWrite(existing.id(), wanted, null, true);
            }
        }
        PhoneNumberWrite phone = null;
        if (primaryPhone != null) {
            String wanted = primaryPhone.strip();
            ClioPhoneNumber existing = current.primaryPhone().orElse(null);
            if (existing == null) {
                phone = new PhoneNumberWrite(null, wanted, NEW_ITEM_NAME, true);
            } else if (!wanted.equals(existing.number())) {
                phone = new PhoneNumberWrite(existing.id(), wanted, null, true);
            }
        }
        AddressWrite addr = null;
        if (primaryAddress != null) {
            ClioAddress existing = current.primaryAddress().orElse(null);
            if (existing == null) {
                addr = new AddressWrite(null, primaryAddress.street(), primaryAddress.city(), primaryAddress.province(),
                        primaryAddress.postalCode(), primaryAddress.country(), NEW_ITEM_NAME);
            } else if (!sameAddress(existing, primaryAddress)) {
                addr = new AddressWrite(existing.id(), primaryAddress.street(), primaryAddress.city(),
                        primaryAddress.province(), primaryAddress.postalCode(), primaryAddress.country(), null);
            }
        }
        return new ClioContactPatch(email, phone, addr);
    }

    /** Whether the patch changes nothing (every correction equalled the current value). */
    public boolean isEmpty() {
        return emailAddress == null && phoneNumber == null && address == null;
    }

    /** Clio's request body: {@code {"data":{...}}} with only the collections that change. */
    public ObjectNode toRequestBody() {
        ObjectNode data = ClioJson.MAPPER.createObjectNode();
        if (emailAddress != null) {
            data.set("email_addresses", ClioJson.MAPPER.valueToTree(List.of(emailAddress)));
        }
        if (phoneNumber != null) {
            data.set("phone_numbers", ClioJson.MAPPER.valueToTree(List.of(phoneNumber)));
        }
        if (address != null) {
            data.set("addresses", ClioJson.MAPPER.valueToTree(List.of(address)));
        }
        ObjectNode root = ClioJson.MAPPER.createObjectNode();
        root.set("data", data);
        return root;
    }

    private static String lower(String s) {
        return s == null ? null : s.strip().toLowerCase(Locale.ROOT);
    }

    private static boolean sameAddress(ClioAddress a, PostalAddress b) {
        return Objects.equals(a.street(), b.street()) && Objects.equals(a.city(), b.city())
                && Objects.equals(a.province(), b.province()) && Objects.equals(a.postalCode(), b.postalCode())
                && Objects.equals(a.country(), b.country());
    }
}
