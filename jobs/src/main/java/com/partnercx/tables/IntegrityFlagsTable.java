package com.partnercx.tables;

import static org.apache.spark.sql.functions.col;

import com.partnercx.warehouse.Warehouse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * gold/integrity_flags: the survey-integrity flags of each partner and period, with the figure
 * behind each. Every score run of a period replaces the period's rows.
 */
public final class IntegrityFlagsTable {
  private IntegrityFlagsTable() {}

  public static final String PERIOD = "period";
  public static final String PARTNER_ID = "partner_id";
  public static final String PROGRAM_ID = "program_id";

  /** The flag's id, one of {@link #FLAGS}. */
  public static final String FLAG = "flag";

  /** The partner's figure the flag rests on (a share, or a rate per completed event). */
  public static final String VALUE = "value";

  /** What the figure was compared with (the program's share, a threshold, a quartile). */
  public static final String REFERENCE = "reference";

  /** The responses (or events) the figure rests on. */
  public static final String N = "n";

  /** The figure in words, as the internal edition prints it. */
  public static final String DETAIL = "detail";

  /** The program's integrity_action when the flag was raised: flag or exclude_flagged. */
  public static final String ACTION = "action";

  public static final String RUN_ID = "run_id";
  public static final String CONFIG_HASH = "config_hash";
  public static final String COMPUTED_AT = "computed_at";

  /** Share of top scores far above the program's other partners. */
  public static final String TOP_SCORE_SHARE = "top_score_share";

  /** Responses concentrated on a few customer keys. */
  public static final String CONCENTRATED_CUSTOMERS = "concentrated_customers";

  /** Many responses within seconds of each other. */
  public static final String RESPONSE_BURSTS = "response_bursts";

  /** Responses per completed event fallen against the previous period. */
  public static final String RESPONSE_RATE_DROP = "response_rate_drop";

  /** Top CSAT together with a complaint rate in the program's worst quartile. */
  public static final String CSAT_CONTRADICTS_COMPLAINTS = "csat_contradicts_complaints";

  /** Comments holding a configured phrase that asks for scores. */
  public static final String SCORE_SOLICITATION = "score_solicitation";

  /** Every flag, in the order they are printed. */
  public static final List<String> FLAGS =
      List.of(
          TOP_SCORE_SHARE,
          CONCENTRATED_CUSTOMERS,
          RESPONSE_BURSTS,
          RESPONSE_RATE_DROP,
          CSAT_CONTRADICTS_COMPLAINTS,
          SCORE_SOLICITATION);

  static final StructType SCHEMA =
      new StructType()
          .add(PERIOD, DataTypes.StringType, false)
          .add(PARTNER_ID, DataTypes.StringType, false)
          .add(PROGRAM_ID, DataTypes.StringType, false)
          .add(FLAG, DataTypes.StringType, false)
          .add(VALUE, DataTypes.DoubleType, false)
          .add(REFERENCE, DataTypes.DoubleType, false)
          .add(N, DataTypes.LongType, false)
          .add(DETAIL, DataTypes.StringType, false)
          .add(ACTION, DataTypes.StringType, false)
          .add(RUN_ID, DataTypes.StringType, false)
          .add(CONFIG_HASH, DataTypes.StringType, false)
          .add(COMPUTED_AT, DataTypes.TimestampType, false);

  /**
   * One flag of one partner in one period.
   *
   * @param partnerId the partner
   * @param programId its program
   * @param flag one of {@link #FLAGS}
   * @param value the partner's figure
   * @param reference what the figure was compared with
   * @param n the responses or events the figure rests on
   * @param detail the figure in words
   * @param action the program's integrity_action
   */
  public record Flag(
      String partnerId,
      String programId,
      String flag,
      double value,
      double reference,
      long n,
      String detail,
      String action) {}

  /** Replaces the period's flags; returns the version written. */
  public static long replacePeriod(
      Warehouse warehouse,
      String period,
      List<Flag> flags,
      String runId,
      String configHash,
      Instant computedAt) {
    Timestamp at = Timestamp.from(computedAt);
    List<Row> rows =
        flags.stream()
            .map(
                f ->
                    RowFactory.create(
                        period,
                        f.partnerId(),
                        f.programId(),
                        f.flag(),
                        f.value(),
                        f.reference(),
                        f.n(),
                        f.detail(),
                        f.action(),
                        runId,
                        configHash,
                        at))
            .toList();
    return warehouse.replaceWhere(
        Tables.INTEGRITY_FLAGS,
        warehouse.spark().createDataFrame(rows, SCHEMA),
        PERIOD + " = '" + period + "'");
  }

  /**
   * The period's flags at the latest version (recorded in {@code versionsRead}), by partner, in the
   * order of {@link #FLAGS}; empty before the first score run that wrote the table.
   */
  public static Map<String, List<Flag>> ofPeriod(
      Warehouse warehouse, String period, Map<String, Long> versionsRead) {
    Optional<Dataset<Row>> table = warehouse.readLatest(Tables.INTEGRITY_FLAGS, versionsRead);
    Map<String, List<Flag>> out = new java.util.TreeMap<>();
    if (table.isEmpty()) {
      return out;
    }
    for (Row r : table.get().filter(col(PERIOD).equalTo(period)).collectAsList()) {
      Flag flag =
          new Flag(
              r.getAs(PARTNER_ID),
              r.getAs(PROGRAM_ID),
              r.getAs(FLAG),
              r.<Double>getAs(VALUE),
              r.<Double>getAs(REFERENCE),
              r.<Long>getAs(N),
              r.getAs(DETAIL),
              r.getAs(ACTION));
      out.computeIfAbsent(flag.partnerId(), p -> new ArrayList<>()).add(flag);
    }
    out.values().forEach(l -> l.sort(Comparator.comparingInt(f -> FLAGS.indexOf(f.flag()))));
    return out;
  }
}
