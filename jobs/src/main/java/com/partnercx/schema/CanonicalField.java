package com.partnercx.schema;

import java.util.List;

/**
 * One field of a canonical silver entity.
 *
 * @param name the silver column name
 * @param type the type conform casts the source value to
 * @param key whether the field is part of the entity's natural key (a row without it is rejected)
 * @param allowedValues the only values the field may hold; empty when any value of its type will do
 * @param dateMeansEndOfDay for a timestamp, whether a value that is a date only stands for the end
 *     of that day (a promised or actual completion date) rather than its start
 */
public record CanonicalField(
    String name,
    FieldType type,
    boolean key,
    List<String> allowedValues,
    boolean dateMeansEndOfDay) {

  public CanonicalField {
    allowedValues = List.copyOf(allowedValues);
  }

  /** A field that takes any value of its type; a date alone stands for the start of the day. */
  public CanonicalField(String name, FieldType type, boolean key) {
    this(name, type, key, List.of(), false);
  }
}
