package org.matterhub.mappings.canonical;

/**
 * A client's correction of their own contact details made in the portal. Null fields are unchanged.
 * The practice-management system owns these fields: a correction is a request written back to it.
 */
public record ContactCorrection(String email, String phone, PostalAddress address) {

    public boolean isEmpty() {
        return email == null && phone == null && address == null;
    }
}
