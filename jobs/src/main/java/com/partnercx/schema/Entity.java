package com.partnercx.schema;

import static com.partnercx.schema.FieldType.BOOLEAN;
import static com.partnercx.schema.FieldType.DOUBLE;
import static com.partnercx.schema.FieldType.INTEGER;
import static com.partnercx.schema.FieldType.STRING;
import static com.partnercx.schema.FieldType.TIMESTAMP;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The six canonical entities of the silver layer (DESIGN.md "Canonical entities"). Feeds map their
 * columns onto these fields; every entity also carries {@code partner_id} as part of its key.
 */
public enum Entity {
  SERVICE_EVENT(
      "service_event",
      "created_at",
      key(ServiceEventColumns.EVENT_ID),
      field(ServiceEventColumns.CUSTOMER_KEY, STRING),
      field(ServiceEventColumns.LOCATION_ID, STRING),
      field(ServiceEventColumns.CHANNEL, STRING),
      field(ServiceEventColumns.CREATED_AT, TIMESTAMP),
      field(ServiceEventColumns.PROMISED_AT, TIMESTAMP),
      field(ServiceEventColumns.FULFILLED_AT, TIMESTAMP),
      field(ServiceEventColumns.STATUS, STRING),
      field(ServiceEventColumns.FIRST_TIME_FIX, BOOLEAN),
      field(ServiceEventColumns.CONDITION_ISSUE, BOOLEAN),
      field(ServiceEventColumns.ORDER_VALUE, DOUBLE)),
  SURVEY_RESPONSE(
      "survey_response",
      "responded_at",
      key("response_id"),
      field("event_id", STRING),
      field("responded_at", TIMESTAMP),
      field("nps", INTEGER),
      field("csat", INTEGER),
      field("ces", INTEGER),
      field("comment", STRING)),
  COMPLAINT(
      "complaint",
      "opened_at",
      key("complaint_id"),
      field("event_id", STRING),
      field("opened_at", TIMESTAMP),
      field("first_response_at", TIMESTAMP),
      field("resolved_at", TIMESTAMP),
      field("category", STRING),
      field("severity", STRING),
      field("contacts", INTEGER)),
  SOCIAL_MENTION(
      "social_mention",
      "posted_at",
      key("mention_id"),
      field("posted_at", TIMESTAMP),
      field("platform", STRING),
      field("sentiment", DOUBLE),
      field("text", STRING)),
  DIGITAL_SESSION(
      "digital_session",
      "started_at",
      key("session_id"),
      field("started_at", TIMESTAMP),
      field("menu_seconds", DOUBLE),
      field("added_to_cart", BOOLEAN),
      field("ordered", BOOLEAN)),
  HANDOFF(
      "handoff",
      "sent_at",
      key("handoff_id"),
      field("event_id", STRING),
      field("sent_at", TIMESTAMP),
      field("acknowledged_at", TIMESTAMP),
      field("applied", BOOLEAN));

  /** Column every entity carries: the partner the row belongs to (part of every natural key). */
  public static final String PARTNER_ID = "partner_id";

  private final String id;
  private final String periodField;
  private final List<CanonicalField> fields;

  Entity(String id, String periodField, CanonicalField... fields) {
    this.id = id;
    this.periodField = periodField;
    this.fields =
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of(new CanonicalField(PARTNER_ID, STRING, true)),
                Arrays.stream(fields))
            .toList();
  }

  private static CanonicalField key(String name) {
    return new CanonicalField(name, STRING, true);
  }

  private static CanonicalField field(String name, FieldType type) {
    return new CanonicalField(name, type, false);
  }

  /** The entity's name in configuration files and its silver table name. */
  public String id() {
    return id;
  }

  /** The timestamp that decides which day and period a row belongs to. */
  public String periodField() {
    return periodField;
  }

  public List<CanonicalField> fields() {
    return fields;
  }

  public List<String> keyFields() {
    return fields.stream().filter(CanonicalField::key).map(CanonicalField::name).toList();
  }

  public Optional<CanonicalField> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  public static Optional<Entity> byId(String id) {
    return Arrays.stream(values()).filter(e -> e.id.equals(id)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(Entity::id).toList();
  }
}
