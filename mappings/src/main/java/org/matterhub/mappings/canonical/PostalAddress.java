package org.matterhub.mappings.canonical;

/** A postal address as the portal shows and accepts it. */
public record PostalAddress(String street, String city, String region, String postalCode, String country) {
}
