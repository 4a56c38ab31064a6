package com.partnercx.schema;

/**
 * One field of a canonical silver entity.
 *
 * @param name the silver column name
 * @param type the type conform casts the source value to
 * @param key whether the field is part of the entity's natural key (a row without it is rejected)
 */
public record CanonicalField(String name, FieldType type, boolean key) {}
