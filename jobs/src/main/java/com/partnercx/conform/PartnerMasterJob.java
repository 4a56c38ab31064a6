package com.partnercx.conform;

import static org.apache.spark.sql.functions.lit;

import com.partnercx.config.Partner;
import com.partnercx.pipeline.RunContext;
import com.partnercx.pipeline.StageResult;
import com.partnercx.warehouse.Tables;
import com.partnercx.warehouse.Warehouse;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * partners.csv -> silver/partner, a slowly changing dimension of type 2: one row per partner and
 * version, with the dates it is valid ({@code valid_from}, {@code valid_to}, open while current).
 * partners.csv states when each version takes effect, so a program or region change is a new row
 * there and a new row here; an edit of an existing version corrects that row in place (the table's
 * Delta history keeps what it said before); a version taken out of partners.csv is kept and marked
 * removed. A run over an unchanged partners.csv writes nothing.
 */
public final class PartnerMasterJob {
  public static final String STAGE = "partner-master";

  static final String PARTNER_ID = "partner_id";
  static final String NAME = "name";
  static final String PROGRAM_ID = "program_id";
  static final String REGION = "region";
  static final String BASE_INCENTIVE = "base_incentive";
  static final String VALID_FROM = "valid_from";
  static final String VALID_TO = "valid_to";
  static final String IS_CURRENT = "is_current";
  static final String REMOVED = "removed";
  static final String CONFIG_HASH = "config_hash";
  static final String RUN_ID = "_run_id";
  static final String CHANGED_AT = "_changed_at";

  private static final List<String> KEY = List.of(PARTNER_ID, VALID_FROM);
  private static final List<String> ATTRIBUTES =
      List.of(NAME, PROGRAM_ID, REGION, BASE_INCENTIVE, VALID_TO, IS_CURRENT, REMOVED);

  static final StructType SCHEMA =
      new StructType()
          .add(PARTNER_ID, DataTypes.StringType, false)
          .add(NAME, DataTypes.StringType, false)
          .add(PROGRAM_ID, DataTypes.StringType, false)
          .add(REGION, DataTypes.StringType, true)
          .add(BASE_INCENTIVE, DataTypes.createDecimalType(18, 2), false)
          .add(VALID_FROM, DataTypes.DateType, false)
          .add(VALID_TO, DataTypes.DateType, true)
          .add(IS_CURRENT, DataTypes.BooleanType, false)
          .add(REMOVED, DataTypes.BooleanType, false)
          .add(CONFIG_HASH, DataTypes.StringType, false)
          .add(RUN_ID, DataTypes.StringType, false)
          .add(CHANGED_AT, DataTypes.TimestampType, false);

  private PartnerMasterJob() {}

  public static StageResult run(RunContext ctx) {
    long start = System.nanoTime();
    Warehouse warehouse = ctx.warehouse();
    Timestamp now = Timestamp.from(ctx.startedAt());
    List<Row> rows =
        ctx.config().partners().stream()
            .map(p -> toRow(p, ctx.config().hash(), ctx.runId(), now))
            .toList();
    Dataset<Row> source = warehouse.spark().createDataFrame(rows, SCHEMA);
    Warehouse.MergeResult merged =
        warehouse.merge(
            Tables.PARTNER,
            source,
            KEY,
            differs(),
            "t.`" + REMOVED + "` = false",
            Map.of(
                REMOVED, lit(true),
                IS_CURRENT, lit(false),
                RUN_ID, lit(ctx.runId()),
                CHANGED_AT, lit(now)));
    return new StageResult(
        STAGE,
        rows.size(),
        merged.inserted() + merged.updated(),
        0,
        (System.nanoTime() - start) / 1e9,
        Map.of(),
        Map.of(Tables.PARTNER, merged.version()));
  }

  private static Row toRow(Partner p, String configHash, String runId, Timestamp now) {
    return RowFactory.create(
        p.partnerId(),
        p.name(),
        p.programId(),
        p.region(),
        p.baseIncentive(),
        Date.valueOf(p.validFrom()),
        p.validTo().map(Date::valueOf).orElse(null),
        p.validTo().isEmpty(),
        false,
        configHash,
        runId,
        now);
  }

  /** Some attribute of the version changed (lineage columns alone do not count). */
  private static String differs() {
    return "NOT ("
        + ATTRIBUTES.stream()
            .map(a -> "t.`" + a + "` <=> s.`" + a + "`")
            .collect(Collectors.joining(" AND "))
        + ")";
  }
}
