package org.matterhub.store.tenancy;

/** Who a transaction acts for; row-level security policies decide by it (matterhub.actor). */
public enum Actor {
    /** A person of a client organisation: sees only what memberships and grants allow. */
    CLIENT,
    /** Firm staff, partners and firm admins. */
    STAFF,
    /** Ops staff watching and repairing routes. */
    OPS,
    /** The sync engine itself. */
    SYSTEM;

    public String settingValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
