package org.matterhub.mappings.clio;

import org.matterhub.connectors.clio.ClioAddress;
import org.matterhub.connectors.clio.ClioContact;
import org.matterhub.mappings.canonical.CanonicalContact;
import org.matterhub.mappings.canonical.ContactKind;
import org.matterhub.mappings.canonical.PostalAddress;

/** Clio contact → canonical contact. The primary email, phone and address are the ones the portal shows. */
public final class ClioContactMapper {

    private ClioContactMapper() {
    }

    public static CanonicalContact toCanonical(ClioContact c) {
        ContactKind kind = "Company".equalsIgnoreCase(c.type()) ? ContactKind.COMPANY : ContactKind.PERSON;
        String email = c.primaryEmail().map(e -> e.address()).orElse(c.primaryEmailAddress());
        String phone = c.primaryPhone().map(p -> p.number()).orElse(c.primaryPhoneNumber());
        PostalAddress address = c.primaryAddress().map(ClioContactMapper::address).orElse(null);
        String name = c.name() != null ? c.name() : String.join(" ",
                c.firstName() == null ? "" : c.firstName(), c.lastName() == null ? "" : c.lastName()).trim();
        return new CanonicalContact(
                Long.toString(c.id()),
                kind,
                name,
                c.firstName(),
                c.lastName(),
                email,
                phone,
                address,
                kind == ContactKind.PERSON && c.company() != null && c.company().id() != null
                        ? Long.toString(c.company().id()) : null,
                Boolean.TRUE.equals(c.isClient()),
                c.updatedAt(),
                c.etag());
    }

    public static PostalAddress address(ClioAddress a) {
        return new PostalAddress(a.street(), a.city(), a.province(), a.postalCode(), a.country());
    }
}
