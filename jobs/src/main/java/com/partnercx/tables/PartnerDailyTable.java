package com.partnercx.tables;

import com.partnercx.warehouse.Warehouse;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * {@code gold/partner_daily}: additive KPI inputs per partner and UTC day, so any period is a sum:
 * the key columns, the measures ({@link #MEASURES}, counts as long and sums as double) and the
 * queries over it. Each row belongs to the day of its entity's own timestamp (created_at,
 * responded_at, opened_at, posted_at, started_at, sent_at).
 */
public final class PartnerDailyTable {
  private PartnerDailyTable() {}

  /** The partner. */
  public static final String PARTNER_ID = "partner_id";

  /** The program the partner belonged to on that day (partners.csv validity). */
  public static final String PROGRAM_ID = "program_id";

  /** The UTC day. */
  public static final String DAY = "day";

  /** Events with a known status (completed + cancelled + failed). */
  public static final String EVENTS = "events";

  /** Completed events. */
  public static final String COMPLETED = "completed";

  /** Cancelled events. */
  public static final String CANCELLED = "cancelled";

  /**
   * Completed events with promised_at and fulfilled_at: the n of on_time_rate and avg_delay_min.
   */
  public static final String TIMED = "timed";

  /** Of those, fulfilled within promised_at + the program's grace. */
  public static final String ON_TIME = "on_time";

  /** Sum over timed events of max(0, fulfilled_at - promised_at) in minutes. */
  public static final String DELAY_MINUTES = "delay_minutes";

  /** Completed events with first_time_fix known. */
  public static final String FTF_N = "ftf_n";

  /** Of those, fixed on the first visit. */
  public static final String FTF_YES = "ftf_yes";

  /** Completed events with condition_issue known. */
  public static final String CONDITION_N = "condition_n";

  /** Of those, with a condition issue. */
  public static final String CONDITION_YES = "condition_yes";

  /** Responses with an NPS answer. */
  public static final String NPS_N = "nps_n";

  /** Of those, 9 or 10. */
  public static final String NPS_PROMOTERS = "nps_promoters";

  /** Of those, 0 to 6. */
  public static final String NPS_DETRACTORS = "nps_detractors";

  /** Responses with a CSAT answer. */
  public static final String CSAT_N = "csat_n";

  /** Of those, 4 or 5. */
  public static final String CSAT_TOP2 = "csat_top2";

  /** Responses with a CES answer. */
  public static final String CES_N = "ces_n";

  /** Sum of their CES answers. */
  public static final String CES_SUM = "ces_sum";

  /** Complaints opened. */
  public static final String COMPLAINTS = "complaints";

  /** Complaints resolved, or unresolved past the SLA deadline, as of the data's latest delivery. */
  public static final String COMPLAINT_SLA_DUE = "complaint_sla_due";

  /** Of those, resolved within the program's SLA hours. */
  public static final String COMPLAINT_SLA_MET = "complaint_sla_met";

  /** Resolved complaints with a contact count. */
  public static final String FCR_N = "fcr_n";

  /** Of those, resolved with one contact. */
  public static final String FCR_YES = "fcr_yes";

  /** Social mentions. */
  public static final String MENTIONS = "mentions";

  /** Sum of their sentiment (-1..1). */
  public static final String SENTIMENT_SUM = "sentiment_sum";

  /** Storefront sessions that added to the cart. */
  public static final String CARTED = "carted";

  /** Of those, sessions that did not order. */
  public static final String ABANDONED = "abandoned";

  /** Hand-offs acknowledged, or unacknowledged past the SLA deadline. */
  public static final String HANDOFF_DUE = "handoff_due";

  /** Of those, acknowledged within the SLA hours and applied. */
  public static final String HANDOFF_OK = "handoff_ok";

  /**
   * Scheduled deliveries of the partner's feeds on this delivery date whose deadline has passed: on
   * time, late, missing or rejected (ops/dq_results). The n of feed_timeliness.
   */
  public static final String DELIVERIES_DUE = "deliveries_due";

  /** Of those, on time. */
  public static final String DELIVERIES_ON_TIME = "deliveries_on_time";

  /** Every additive measure, in table order. */
  public static final List<String> MEASURES =
      List.of(
          EVENTS,
          COMPLETED,
          CANCELLED,
          TIMED,
          ON_TIME,
          DELAY_MINUTES,
          FTF_N,
          FTF_YES,
          CONDITION_N,
          CONDITION_YES,
          NPS_N,
          NPS_PROMOTERS,
          NPS_DETRACTORS,
          CSAT_N,
          CSAT_TOP2,
          CES_N,
          CES_SUM,
          COMPLAINTS,
          COMPLAINT_SLA_DUE,
          COMPLAINT_SLA_MET,
          FCR_N,
          FCR_YES,
          MENTIONS,
          SENTIMENT_SUM,
          CARTED,
          ABANDONED,
          HANDOFF_DUE,
          HANDOFF_OK,
          DELIVERIES_DUE,
          DELIVERIES_ON_TIME);

  /** Whether a measure adds up values (stored as double) rather than counting rows (long). */
  public static boolean isSum(String measure) {
    return measure.endsWith("_sum") || measure.equals(DELAY_MINUTES);
  }

  /** Replaces the rows of these days with {@code daily}; returns the version written. */
  public static long replaceDays(Warehouse warehouse, Dataset<Row> daily, List<LocalDate> days) {
    String predicate =
        DAY
            + " IN ("
            + days.stream().map(d -> "DATE'" + d + "'").collect(Collectors.joining(", "))
            + ")";
    return warehouse.replaceWhere(Tables.PARTNER_DAILY, daily, predicate);
  }

  /**
   * The days with customer activity, oldest first: any measure but the delivery counts of
   * feed_timeliness, whose scheduled deliveries alone do not make a day worth scoring.
   */
  public static List<LocalDate> activeDays(Warehouse warehouse) {
    Column activity =
        MEASURES.stream()
            .filter(m -> !m.equals(DELIVERIES_DUE) && !m.equals(DELIVERIES_ON_TIME))
            .map(functions::col)
            .reduce(Column::plus)
            .orElseThrow();
    return warehouse
        .readIfExists(Tables.PARTNER_DAILY)
        .map(
            daily ->
                daily
                    .filter(activity.gt(0))
                    .select(DAY)
                    .distinct()
                    .orderBy(DAY)
                    .collectAsList()
                    .stream()
                    .map(r -> r.getDate(0).toLocalDate())
                    .toList())
        .orElse(List.of());
  }
}
