package com.partnercx.conform;

import static org.apache.spark.sql.functions.lit;

import com.partnercx.stage.RunContext;
import com.partnercx.stage.StageResult;
import com.partnercx.tables.PartnerTable;
import com.partnercx.tables.Tables;
import com.partnercx.warehouse.Warehouse;
import java.sql.Timestamp;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

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

  private PartnerMasterJob() {}

  public static StageResult run(RunContext ctx) {
    long start = System.nanoTime();
    Warehouse warehouse = ctx.warehouse();
    if (PartnerTable.holds(warehouse, ctx.config().partners())) {
      return new StageResult(
          STAGE,
          ctx.config().partners().size(),
          0,
          0,
          (System.nanoTime() - start) / 1e9,
          Map.of(),
          Map.of(Tables.PARTNER, warehouse.version(Tables.PARTNER)));
    }
    Timestamp now = Timestamp.from(ctx.startedAt());
    Dataset<Row> source =
        PartnerTable.rows(
            warehouse, ctx.config().partners(), ctx.config().hash(), ctx.runId(), now);
    Warehouse.MergeResult merged =
        warehouse.merge(
            Tables.PARTNER,
            source,
            PartnerTable.KEY,
            differs(),
            "t.`" + PartnerTable.REMOVED + "` = false",
            Map.of(
                PartnerTable.REMOVED, lit(true),
                PartnerTable.IS_CURRENT, lit(false),
                PartnerTable.RUN_ID, lit(ctx.runId()),
                PartnerTable.CHANGED_AT, lit(now)));
    return new StageResult(
        STAGE,
        ctx.config().partners().size(),
        merged.inserted() + merged.updated(),
        0,
        (System.nanoTime() - start) / 1e9,
        Map.of(),
        Map.of(Tables.PARTNER, merged.version()));
  }

  /** Some attribute of the version changed (lineage columns alone do not count). */
  private static String differs() {
    return "NOT ("
        + PartnerTable.ATTRIBUTES.stream()
            .map(a -> "t.`" + a + "` <=> s.`" + a + "`")
            .collect(Collectors.joining(" AND "))
        + ")";
  }
}
