package org.matterhub.mappings.canonical;

/** Lifecycle of a matter as clients see it. Owned by the practice-management system. */
public enum MatterStatus { PENDING, OPEN, CLOSED }
