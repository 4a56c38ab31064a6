package com.partnercx.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import com.partnercx.schema.ComplaintColumns;
import com.partnercx.schema.DigitalSessionColumns;
import com.partnercx.schema.Entity;
import com.partnercx.schema.HandoffColumns;
import com.partnercx.schema.ServiceEventColumns;
import com.partnercx.schema.SocialMentionColumns;
import com.partnercx.schema.SurveyResponseColumns;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * Row-level rules each canonical entity must satisfy after typing. A row that breaks one is
 * quarantined under the rule's name, with a detail naming the fields involved.
 */
final class Expectations {
  /**
   * One rule.
   *
   * @param rule its name, as written to ops/quarantine
   * @param broken true for a row that breaks it (null counts as not broken)
   * @param detail what to tell the reader about the row
   */
  record Expectation(String rule, Column broken, Column detail) {
    Expectation(String rule, Column broken, String detail) {
      this(rule, broken, lit(detail));
    }
  }

  private Expectations() {}

  static List<Expectation> of(Entity entity) {
    return switch (entity) {
      case SERVICE_EVENT ->
          List.of(
              new Expectation(
                  "fulfilled_before_created",
                  col(ServiceEventColumns.FULFILLED_AT).lt(col(ServiceEventColumns.CREATED_AT)),
                  "fulfilled_at is earlier than created_at"),
              new Expectation(
                  "invalid_status",
                  col(ServiceEventColumns.STATUS)
                      .isin(ServiceEventColumns.VALID_STATUSES.toArray())
                      .equalTo(false),
                  concat(
                      lit("status: '"),
                      col(ServiceEventColumns.STATUS),
                      lit(
                          "' is not one of "
                              + ServiceEventColumns.VALID_STATUSES
                              + "; map the source's words to these under values.status"))));
      case SURVEY_RESPONSE ->
          List.of(
              outOfRange(SurveyResponseColumns.NPS, 0, 10),
              outOfRange(SurveyResponseColumns.CSAT, 1, 5),
              outOfRange(SurveyResponseColumns.CES, 1, 7));
      case COMPLAINT ->
          List.of(
              new Expectation(
                  "resolved_before_opened",
                  col(ComplaintColumns.RESOLVED_AT).lt(col(ComplaintColumns.OPENED_AT)),
                  "resolved_at is earlier than opened_at"),
              new Expectation(
                  "first_response_before_opened",
                  col(ComplaintColumns.FIRST_RESPONSE_AT).lt(col(ComplaintColumns.OPENED_AT)),
                  "first_response_at is earlier than opened_at"),
              outOfRange(ComplaintColumns.CONTACTS, 0, 10_000));
      case SOCIAL_MENTION -> List.of(outOfRange(SocialMentionColumns.SENTIMENT, -1, 1));
      case DIGITAL_SESSION -> List.of(outOfRange(DigitalSessionColumns.MENU_SECONDS, 0, 86_400));
      case HANDOFF ->
          List.of(
              new Expectation(
                  "acknowledged_before_sent",
                  col(HandoffColumns.ACKNOWLEDGED_AT).lt(col(HandoffColumns.SENT_AT)),
                  "acknowledged_at is earlier than sent_at"));
    };
  }

  private static Expectation outOfRange(String field, double min, double max) {
    return new Expectation(
        field + "_out_of_range",
        col(field).between(min, max).equalTo(false),
        field + " must be between " + fmt(min) + " and " + fmt(max));
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
