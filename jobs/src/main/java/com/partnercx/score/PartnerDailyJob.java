package com.partnercx.score;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_utc_timestamp;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import com.partnercx.config.PcxConfig;
import com.partnercx.schema.ComplaintColumns;
import com.partnercx.schema.DigitalSessionColumns;
import com.partnercx.schema.Entity;
import com.partnercx.schema.HandoffColumns;
import com.partnercx.schema.ServiceEventColumns;
import com.partnercx.schema.SocialMentionColumns;
import com.partnercx.schema.SurveyResponseColumns;
import com.partnercx.stage.RunContext;
import com.partnercx.stage.StageResult;
import com.partnercx.tables.DeliveryStatus;
import com.partnercx.tables.DqResultsTable;
import com.partnercx.tables.PartnerDailyTable;
import com.partnercx.tables.SilverDaysTable;
import com.partnercx.tables.Tables;
import com.partnercx.warehouse.Warehouse;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * silver -> gold/partner_daily: additive counts and sums per partner and day (of the program's time
 * zone) over all six entities, so any period is a cheap roll-up. Recomputes whole days, so a re-run
 * or a late correction replaces the day.
 */
public final class PartnerDailyJob {
  public static final String STAGE = "score-daily";

  private PartnerDailyJob() {}

  /** Recomputes gold/partner_daily for the days {@code [from, to)}. */
  public static StageResult run(RunContext ctx, LocalDate from, LocalDate to) {
    return run(ctx, from.datesUntil(to).toList());
  }

  /**
   * The tables partner_daily is computed from: the six silver entities, ops/dq_results and the
   * partner master data (silver/partner), which says whose program a day belongs to.
   */
  public static final List<String> INPUTS;

  static {
    List<String> inputs = new ArrayList<>();
    for (Entity entity : Entity.values()) {
      inputs.add(Tables.silver(entity));
    }
    inputs.add(Tables.DQ_RESULTS);
    inputs.add(Tables.PARTNER);
    INPUTS = List.copyOf(inputs);
  }

  /**
   * partner_daily rows of these days from the input tables at the given versions (a table absent
   * from {@code versions} is not read): the latest for a nightly run, recorded ones for {@code pcx
   * reproduce}. Empty when no silver table is given.
   */
  public static Optional<Dataset<Row>> compute(
      Warehouse warehouse, PcxConfig config, List<LocalDate> days, Map<String, Long> versions) {
    return compute(warehouse, config, days, versions, EnumSet.allOf(Entity.class));
  }

  /**
   * {@link #compute(Warehouse, PcxConfig, List, Map)} reading only the silver tables of {@code
   * entities}: the others are known to hold no row of these days, so leaving them out changes no
   * figure.
   */
  static Optional<Dataset<Row>> compute(
      Warehouse warehouse,
      PcxConfig config,
      List<LocalDate> days,
      Map<String, Long> versions,
      Set<Entity> entities) {
    Object[] dates = days.stream().map(Date::valueOf).toArray();
    // A program's day is a day of its own time zone: read the UTC days around each one.
    Object[] utcDays =
        days.stream()
            .flatMap(d -> java.util.stream.Stream.of(d.minusDays(1), d, d.plusDays(1)))
            .distinct()
            .map(Date::valueOf)
            .toArray();
    // The same days as a range of the timestamp itself, which Delta's file statistics can prune by:
    // a night's score reads the files of its days, not every row of the history.
    LocalDate firstUtc = days.stream().min(LocalDate::compareTo).orElseThrow().minusDays(1);
    LocalDate afterUtc = days.stream().max(LocalDate::compareTo).orElseThrow().plusDays(2);
    Map<Entity, Dataset<Row>> silver = new EnumMap<>(Entity.class);
    for (Entity entity : Entity.values()) {
      Long version = versions.get(Tables.silver(entity));
      if (version == null || !entities.contains(entity)) {
        continue;
      }
      Column at = col(entity.periodField());
      Column inRange =
          at.geq(lit(Date.valueOf(firstUtc)).cast("timestamp"))
              .and(at.lt(lit(Date.valueOf(afterUtc)).cast("timestamp")));
      silver.put(
          entity,
          warehouse
              .readVersion(Tables.silver(entity), version)
              .filter(inRange.and(to_date(at).isin(utcDays))));
    }
    Dataset<Row> deliveries = null;
    Long dqVersion = versions.get(Tables.DQ_RESULTS);
    boolean anySilver =
        java.util.Arrays.stream(Entity.values())
            .anyMatch(e -> versions.containsKey(Tables.silver(e)));
    if (!anySilver || (silver.isEmpty() && dqVersion == null)) {
      return Optional.empty();
    }
    if (dqVersion != null) {
      deliveries =
          perPartner(
              warehouse
                  .readVersion(Tables.DQ_RESULTS, dqVersion)
                  .filter(col(DqResultsTable.DELIVERY_DATE).isin(dates)),
              FeedPartners.of(warehouse.spark(), config));
    }
    Dataset<Row> partners = PartnerDimension.at(warehouse, config, versions);
    return Optional.of(
        partnerDaily(silver, deliveries, partners).filter(col(PartnerDailyTable.DAY).isin(dates)));
  }

  /** Recomputes gold/partner_daily for these days, and only these. */
  public static StageResult run(RunContext ctx, List<LocalDate> days) {
    long start = System.nanoTime();
    Warehouse warehouse = ctx.warehouse();
    warehouse
        .spark()
        .sparkContext()
        .setJobGroup(
            STAGE,
            "partner_daily "
                + days.get(0)
                + ".."
                + days.get(days.size() - 1)
                + " ("
                + days.size()
                + " days)",
            false);
    Map<String, Long> versionsRead = inputVersions(warehouse);
    Set<LocalDate> utcDays = new java.util.TreeSet<>();
    days.forEach(d -> utcDays.addAll(List.of(d.minusDays(1), d, d.plusDays(1))));
    Optional<Dataset<Row>> computed =
        compute(
            warehouse,
            ctx.config(),
            days,
            versionsRead,
            SilverDaysTable.read(warehouse, ctx.runId()).entitiesOn(utcDays));
    if (computed.isEmpty()) {
      return new StageResult(STAGE, 0, 0, 0, 0, Map.of(), Map.of());
    }
    Dataset<Row> daily = computed.get().cache();
    try {
      long rows = daily.count();
      long version =
          warehouse.withCommitNote(
              Coverage.of(ctx.config().hash(), versionsRead, days).note(),
              () -> PartnerDailyTable.replaceDays(warehouse, daily, days));
      return new StageResult(
          STAGE,
          rows,
          rows,
          0,
          (System.nanoTime() - start) / 1e9,
          versionsRead,
          Map.of(Tables.PARTNER_DAILY, version));
    } finally {
      daily.unpersist();
    }
  }

  /** The latest versions of the {@link #INPUTS} that exist. */
  private static Map<String, Long> inputVersions(Warehouse warehouse) {
    Map<String, Long> versions = new TreeMap<>(warehouse.versions(INPUTS));
    versions.values().removeIf(v -> v < 0);
    return versions;
  }

  /**
   * SHA-256 of the code that computes partner_daily: the bytes of the jar (or the class folder)
   * this class was loaded from, computed once per JVM.
   */
  static final class Build {
    static final String SHA = codeHash();

    private Build() {}
  }

  private static String codeHash() {
    try {
      java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
      java.nio.file.Path source =
          java.nio.file.Path.of(
              PartnerDailyJob.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      List<java.nio.file.Path> files;
      try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(source)) {
        files = walk.filter(java.nio.file.Files::isRegularFile).sorted().toList();
      }
      for (java.nio.file.Path file : files) {
        digest.update(
            source.relativize(file).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        digest.update(java.nio.file.Files.readAllBytes(file));
      }
      return java.util.HexFormat.of().formatHex(digest.digest());
    } catch (java.io.IOException
        | java.net.URISyntaxException
        | java.security.NoSuchAlgorithmException
        | RuntimeException e) {
      // Unknown code: a value no other run shares, so every score recomputes.
      return "unknown-" + java.util.UUID.randomUUID();
    }
  }

  /**
   * What a partner_daily write recomputed, kept as the note of its Delta commit: the days, from
   * which input versions and under which configuration. While partner_daily has no later commit,
   * the inputs are still at those versions and the configuration is the same, those days' rows are
   * exactly what a recomputation would write.
   *
   * @param configHash the configuration's hash
   * @param code the partner-cx build that computed the rows ({@link Build#SHA}): a new build may
   *     count differently, so its first score recomputes
   * @param inputs the versions of {@link #INPUTS} read (a table absent did not exist)
   * @param days the days recomputed, as ranges of consecutive days {@code [first, last]}
   */
  record Coverage(
      String configHash, String code, Map<String, Long> inputs, List<LocalDate[]> days) {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
        new com.fasterxml.jackson.databind.ObjectMapper();
    private static final String KIND = "partner_daily coverage";

    static Coverage of(String configHash, Map<String, Long> inputs, List<LocalDate> days) {
      List<LocalDate[]> ranges = new ArrayList<>();
      for (LocalDate day : new java.util.TreeSet<>(days)) {
        LocalDate[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
        if (last != null && last[1].plusDays(1).equals(day)) {
          last[1] = day;
        } else {
          ranges.add(new LocalDate[] {day, day});
        }
      }
      return new Coverage(configHash, Build.SHA, new TreeMap<>(inputs), ranges);
    }

    String note() {
      com.fasterxml.jackson.databind.node.ObjectNode root = JSON.createObjectNode();
      root.put("kind", KIND);
      root.put("config_hash", configHash);
      root.put("code", code);
      com.fasterxml.jackson.databind.node.ObjectNode in = root.putObject("inputs");
      inputs.forEach(in::put);
      com.fasterxml.jackson.databind.node.ArrayNode ranges = root.putArray("days");
      days.forEach(r -> ranges.addArray().add(r[0].toString()).add(r[1].toString()));
      return root.toString();
    }

    /** The coverage a note states; empty for another note or none. */
    static Optional<Coverage> parse(String note) {
      try {
        com.fasterxml.jackson.databind.JsonNode root = JSON.readTree(note);
        if (!KIND.equals(root.path("kind").asText())) {
          return Optional.empty();
        }
        Map<String, Long> in = new TreeMap<>();
        root.path("inputs")
            .fields()
            .forEachRemaining(e -> in.put(e.getKey(), e.getValue().asLong()));
        List<LocalDate[]> ranges = new ArrayList<>();
        root.path("days")
            .forEach(
                r ->
                    ranges.add(
                        new LocalDate[] {
                          LocalDate.parse(r.get(0).asText()), LocalDate.parse(r.get(1).asText())
                        }));
        return Optional.of(
            new Coverage(
                root.path("config_hash").asText(), root.path("code").asText(), in, ranges));
      } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
        return Optional.empty();
      }
    }

    boolean covers(LocalDate day) {
      return days.stream().anyMatch(r -> !day.isBefore(r[0]) && !day.isAfter(r[1]));
    }
  }

  /**
   * The input versions partner_daily's rows of {@code [from, to)} were computed from, when they are
   * current: the table's latest commit recomputed every one of those days, from the input tables at
   * the versions they are at now, under this configuration. Empty otherwise (then the days must be
   * recomputed).
   */
  public static Optional<Map<String, Long>> currentInputs(
      RunContext ctx, LocalDate from, LocalDate to) {
    Warehouse warehouse = ctx.warehouse();
    long version = warehouse.version(Tables.PARTNER_DAILY);
    if (version < 0) {
      return Optional.empty();
    }
    Optional<Coverage> coverage =
        warehouse.commitNote(Tables.PARTNER_DAILY, version).flatMap(Coverage::parse);
    if (coverage.isEmpty()
        || !coverage.get().configHash().equals(ctx.config().hash())
        || !coverage.get().code().equals(Build.SHA)) {
      return Optional.empty();
    }
    Map<String, Long> now = inputVersions(warehouse);
    if (!now.equals(coverage.get().inputs())
        || !from.datesUntil(to).allMatch(coverage.get()::covers)) {
      return Optional.empty();
    }
    return Optional.of(now);
  }

  /**
   * Silver rows of each entity -> one row per partner, program and day with every measure of {@link
   * PartnerDailyTable#MEASURES}. Rows of partners not in the master data for that day are left out
   * (they cannot be scored against a program).
   */
  static Dataset<Row> partnerDaily(
      Map<Entity, Dataset<Row>> silver, Dataset<Row> deliveries, Dataset<Row> partners) {
    List<Dataset<Row>> parts = new ArrayList<>();
    silver.forEach(
        (entity, rows) -> {
          Column[] measures = measures(entity);
          Column localDay =
              to_date(
                  from_utc_timestamp(col(entity.periodField()), col(PartnerDimension.TIME_ZONE)));
          parts.add(
              withPartner(rows, localDay, partners)
                  .groupBy(
                      col(Entity.PARTNER_ID).as(PartnerDailyTable.PARTNER_ID),
                      col(PartnerDimension.PROGRAM_ID).as(PartnerDailyTable.PROGRAM_ID),
                      col(PartnerDailyTable.DAY))
                  .agg(measures[0], Arrays.copyOfRange(measures, 1, measures.length)));
        });
    if (deliveries != null) {
      Column counted = col(DqResultsTable.DELIVERY).isin(COUNTED_DELIVERIES);
      Column onTime = col(DqResultsTable.DELIVERY).equalTo(DeliveryStatus.ON_TIME.label());
      parts.add(
          withPartner(deliveries.filter(counted), col(DqResultsTable.DELIVERY_DATE), partners)
              .groupBy(
                  col(Entity.PARTNER_ID).as(PartnerDailyTable.PARTNER_ID),
                  col(PartnerDimension.PROGRAM_ID).as(PartnerDailyTable.PROGRAM_ID),
                  col(PartnerDailyTable.DAY))
              .agg(
                  count(lit(1)).as(PartnerDailyTable.DELIVERIES_DUE),
                  count(when(onTime, 1)).as(PartnerDailyTable.DELIVERIES_ON_TIME)));
    }
    Dataset<Row> all = parts.get(0);
    for (Dataset<Row> part : parts.subList(1, parts.size())) {
      all = all.unionByName(part, true);
    }
    for (String measure : PartnerDailyTable.MEASURES) {
      if (!Arrays.asList(all.columns()).contains(measure)) {
        all = all.withColumn(measure, lit(null).cast("long"));
      }
    }
    Column[] totals =
        PartnerDailyTable.MEASURES.stream()
            .map(
                // A key has one row per entity, and each measure comes from one entity: a sum
                // here adds a single value, summed exactly already.
                m ->
                    coalesce(sum(col(m)), lit(0))
                        .cast(PartnerDailyTable.isSum(m) ? "double" : "long")
                        .as(m))
            .toArray(Column[]::new);
    return all.groupBy(
            PartnerDailyTable.PARTNER_ID, PartnerDailyTable.PROGRAM_ID, PartnerDailyTable.DAY)
        .agg(totals[0], Arrays.copyOfRange(totals, 1, totals.length));
  }

  /**
   * Rows with their day ({@code localDay}, which may use the partner's time zone), joined to the
   * partner master-data version valid on that day.
   */
  static Dataset<Row> withPartner(Dataset<Row> rows, Column localDay, Dataset<Row> partners) {
    return rows.join(
            functions.broadcast(partners),
            col(Entity.PARTNER_ID).equalTo(col(PartnerDimension.PARTNER_ID)))
        .withColumn(PartnerDailyTable.DAY, localDay)
        .filter(
            col(PartnerDailyTable.DAY)
                .geq(col(PartnerDimension.VALID_FROM))
                .and(
                    col(PartnerDimension.VALID_TO)
                        .isNull()
                        .or(col(PartnerDailyTable.DAY).leq(col(PartnerDimension.VALID_TO)))));
  }

  /**
   * When an SLA item of a row's day is judged (epoch seconds): the end of the calendar month of
   * that day in the program's zone. An item counts as due once resolved (whenever that was), or
   * when its deadline fell at or before that moment, so a figure depends on the data and the day
   * only, never on when it was computed; a quarter is the sum of its months.
   */
  static Column slaJudgedAt() {
    return unix_seconds(
        to_utc_timestamp(
            add_months(trunc(col(PartnerDailyTable.DAY), "month"), 1).cast("timestamp"),
            col(PartnerDimension.TIME_ZONE)));
  }

  /** Statuses that count as an expected extract for feed_timeliness. */
  private static final Object[] COUNTED_DELIVERIES =
      java.util.Arrays.stream(DeliveryStatus.values())
          .filter(DeliveryStatus::counted)
          .map(DeliveryStatus::label)
          .toArray();

  /** One row per feed-day and partner of the feed: a delivery is owed by every partner in it. */
  static Dataset<Row> perPartner(Dataset<Row> dq, Dataset<Row> feedPartners) {
    return dq.join(functions.broadcast(feedPartners), DqResultsTable.FEED_ID);
  }

  /** The measures one entity contributes, as aggregate expressions over its rows of a day. */
  static Column[] measures(Entity entity) {
    Column judgedAt = slaJudgedAt();
    return switch (entity) {
      case SERVICE_EVENT -> {
        Column completed =
            col(ServiceEventColumns.STATUS).equalTo(ServiceEventColumns.STATUS_COMPLETED);
        Column timed =
            completed
                .and(col(ServiceEventColumns.PROMISED_AT).isNotNull())
                .and(col(ServiceEventColumns.FULFILLED_AT).isNotNull());
        // In microseconds, so a promise that is a date (its last microsecond) is not moved.
        Column lateSeconds =
            functions
                .unix_micros(col(ServiceEventColumns.FULFILLED_AT))
                .minus(functions.unix_micros(col(ServiceEventColumns.PROMISED_AT)))
                .divide(1e6);
        Column onTime =
            timed.and(lateSeconds.leq(col(PartnerDimension.GRACE_MINUTES).multiply(60)));
        yield new Column[] {
          count(
                  when(
                      col(ServiceEventColumns.STATUS).isin(ServiceEventColumns.STATUSES.toArray()),
                      1))
              .as(PartnerDailyTable.EVENTS),
          count(when(completed, 1)).as(PartnerDailyTable.COMPLETED),
          count(
                  when(
                      col(ServiceEventColumns.STATUS).equalTo(ServiceEventColumns.STATUS_CANCELLED),
                      1))
              .as(PartnerDailyTable.CANCELLED),
          count(when(timed, 1)).as(PartnerDailyTable.TIMED),
          count(when(onTime, 1)).as(PartnerDailyTable.ON_TIME),
          coalesce(ExactSum.of(when(timed, greatest(lateSeconds, lit(0.0)).divide(60.0))), lit(0.0))
              .as(PartnerDailyTable.DELAY_MINUTES),
          count(when(completed.and(col(ServiceEventColumns.FIRST_TIME_FIX).isNotNull()), 1))
              .as(PartnerDailyTable.FTF_N),
          count(when(completed.and(col(ServiceEventColumns.FIRST_TIME_FIX)), 1))
              .as(PartnerDailyTable.FTF_YES),
          count(when(completed.and(col(ServiceEventColumns.CONDITION_ISSUE).isNotNull()), 1))
              .as(PartnerDailyTable.CONDITION_N),
          count(when(completed.and(col(ServiceEventColumns.CONDITION_ISSUE)), 1))
              .as(PartnerDailyTable.CONDITION_YES)
        };
      }
      case SURVEY_RESPONSE ->
          new Column[] {
            count(col(SurveyResponseColumns.NPS)).as(PartnerDailyTable.NPS_N),
            count(when(col(SurveyResponseColumns.NPS).geq(9), 1))
                .as(PartnerDailyTable.NPS_PROMOTERS),
            count(when(col(SurveyResponseColumns.NPS).leq(6), 1))
                .as(PartnerDailyTable.NPS_DETRACTORS),
            count(col(SurveyResponseColumns.CSAT)).as(PartnerDailyTable.CSAT_N),
            count(when(col(SurveyResponseColumns.CSAT).geq(4), 1)).as(PartnerDailyTable.CSAT_TOP2),
            count(col(SurveyResponseColumns.CES)).as(PartnerDailyTable.CES_N),
            coalesce(sum(col(SurveyResponseColumns.CES)), lit(0))
                .cast("double")
                .as(PartnerDailyTable.CES_SUM)
          };
      case COMPLAINT -> {
        Column deadline =
            unix_seconds(col(ComplaintColumns.OPENED_AT))
                .plus(col(PartnerDimension.COMPLAINT_SLA_HOURS).multiply(3600));
        Column resolved = col(ComplaintColumns.RESOLVED_AT).isNotNull();
        yield new Column[] {
          count(lit(1)).as(PartnerDailyTable.COMPLAINTS),
          count(when(resolved.or(deadline.leq(judgedAt)), 1))
              .as(PartnerDailyTable.COMPLAINT_SLA_DUE),
          count(
                  when(
                      resolved.and(unix_seconds(col(ComplaintColumns.RESOLVED_AT)).leq(deadline)),
                      1))
              .as(PartnerDailyTable.COMPLAINT_SLA_MET),
          count(when(resolved.and(col(ComplaintColumns.CONTACTS).isNotNull()), 1))
              .as(PartnerDailyTable.FCR_N),
          count(when(resolved.and(col(ComplaintColumns.CONTACTS).equalTo(1)), 1))
              .as(PartnerDailyTable.FCR_YES)
        };
      }
      case SOCIAL_MENTION ->
          new Column[] {
            count(col(SocialMentionColumns.SENTIMENT)).as(PartnerDailyTable.MENTIONS),
            coalesce(ExactSum.of(col(SocialMentionColumns.SENTIMENT)), lit(0.0))
                .as(PartnerDailyTable.SENTIMENT_SUM)
          };
      case DIGITAL_SESSION ->
          new Column[] {
            count(when(col(DigitalSessionColumns.ADDED_TO_CART), 1)).as(PartnerDailyTable.CARTED),
            count(
                    when(
                        col(DigitalSessionColumns.ADDED_TO_CART)
                            .and(
                                coalesce(col(DigitalSessionColumns.ORDERED), lit(false))
                                    .equalTo(false)),
                        1))
                .as(PartnerDailyTable.ABANDONED)
          };
      case HANDOFF -> {
        Column deadline =
            unix_seconds(col(HandoffColumns.SENT_AT))
                .plus(col(PartnerDimension.HANDOFF_SLA_HOURS).multiply(3600));
        Column acknowledged = col(HandoffColumns.ACKNOWLEDGED_AT).isNotNull();
        yield new Column[] {
          count(when(acknowledged.or(deadline.leq(judgedAt)), 1)).as(PartnerDailyTable.HANDOFF_DUE),
          count(
                  when(
                      acknowledged
                          .and(unix_seconds(col(HandoffColumns.ACKNOWLEDGED_AT)).leq(deadline))
                          .and(coalesce(col(HandoffColumns.APPLIED), lit(false))),
                      1))
              .as(PartnerDailyTable.HANDOFF_OK)
        };
      }
    };
  }
}
