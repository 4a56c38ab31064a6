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
 * The six canonical entities of the silver layer (README "Configuration"). Feeds map their columns
 * onto these fields; every entity also carries {@code partner_id} as part of its key.
 */
public enum Entity {
  SERVICE_EVENT(
      "service_event",
      ServiceEventColumns.CREATED_AT,
      key(ServiceEventColumns.EVENT_ID),
      field(ServiceEventColumns.CUSTOMER_KEY, STRING),
      field(ServiceEventColumns.LOCATION_ID, STRING),
      field(ServiceEventColumns.CHANNEL, STRING),
      field(ServiceEventColumns.CREATED_AT, TIMESTAMP),
      new CanonicalField(ServiceEventColumns.PROMISED_AT, TIMESTAMP, false, List.of(), true),
      new CanonicalField(ServiceEventColumns.FULFILLED_AT, TIMESTAMP, false, List.of(), true),
      new CanonicalField(
          ServiceEventColumns.STATUS, STRING, false, ServiceEventColumns.VALID_STATUSES, false),
      field(ServiceEventColumns.FIRST_TIME_FIX, BOOLEAN),
      field(ServiceEventColumns.CONDITION_ISSUE, BOOLEAN),
      field(ServiceEventColumns.ORDER_VALUE, DOUBLE)),
  SURVEY_RESPONSE(
      "survey_response",
      SurveyResponseColumns.RESPONDED_AT,
      key(SurveyResponseColumns.RESPONSE_ID),
      field(SurveyResponseColumns.EVENT_ID, STRING),
      field(SurveyResponseColumns.RESPONDED_AT, TIMESTAMP),
      field(SurveyResponseColumns.NPS, INTEGER),
      field(SurveyResponseColumns.CSAT, INTEGER),
      field(SurveyResponseColumns.CES, INTEGER),
      field(SurveyResponseColumns.COMMENT, STRING)),
  COMPLAINT(
      "complaint",
      ComplaintColumns.OPENED_AT,
      key(ComplaintColumns.COMPLAINT_ID),
      field(ComplaintColumns.EVENT_ID, STRING),
      field(ComplaintColumns.OPENED_AT, TIMESTAMP),
      field(ComplaintColumns.FIRST_RESPONSE_AT, TIMESTAMP),
      field(ComplaintColumns.RESOLVED_AT, TIMESTAMP),
      field(ComplaintColumns.CATEGORY, STRING),
      field(ComplaintColumns.SEVERITY, STRING),
      field(ComplaintColumns.CONTACTS, INTEGER)),
  SOCIAL_MENTION(
      "social_mention",
      SocialMentionColumns.POSTED_AT,
      key(SocialMentionColumns.MENTION_ID),
      field(SocialMentionColumns.POSTED_AT, TIMESTAMP),
      field(SocialMentionColumns.PLATFORM, STRING),
      field(SocialMentionColumns.SENTIMENT, DOUBLE),
      field(SocialMentionColumns.TEXT, STRING)),
  DIGITAL_SESSION(
      "digital_session",
      DigitalSessionColumns.STARTED_AT,
      key(DigitalSessionColumns.SESSION_ID),
      field(DigitalSessionColumns.STARTED_AT, TIMESTAMP),
      field(DigitalSessionColumns.MENU_SECONDS, DOUBLE),
      field(DigitalSessionColumns.ADDED_TO_CART, BOOLEAN),
      field(DigitalSessionColumns.ORDERED, BOOLEAN)),
  HANDOFF(
      "handoff",
      HandoffColumns.SENT_AT,
      key(HandoffColumns.HANDOFF_ID),
      field(HandoffColumns.EVENT_ID, STRING),
      field(HandoffColumns.SENT_AT, TIMESTAMP),
      field(HandoffColumns.ACKNOWLEDGED_AT, TIMESTAMP),
      field(HandoffColumns.APPLIED, BOOLEAN));

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

  /** The key field that names one record within its partner: event_id, response_id, ... */
  public String recordKey() {
    List<String> keys = keyFields();
    return keys.get(keys.size() - 1);
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
