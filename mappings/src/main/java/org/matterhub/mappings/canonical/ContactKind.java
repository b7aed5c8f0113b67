package org.matterhub.mappings.canonical;

public enum ContactKind { PERSON, COMPANY }
