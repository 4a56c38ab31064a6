package com.partnercx.schema;

/** The types a canonical field can have; conform casts each mapped source column to one of them. */
public enum FieldType {
  STRING,
  TIMESTAMP,
  BOOLEAN,
  INTEGER,
  DOUBLE
}
