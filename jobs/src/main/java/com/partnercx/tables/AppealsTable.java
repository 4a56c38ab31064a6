package com.partnercx.tables;

import static org.apache.spark.sql.functions.col;

import com.partnercx.warehouse.Warehouse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code ops/appeals}: one row per change of an appeal (filed, decided, re-issued), each carrying
 * the whole appeal as it stood after that change, so the table is the appeal's history and its
 * latest row is the appeal now (row type {@link Appeal}). Only ever appended to.
 */
public final class AppealsTable {
  private AppealsTable() {}

  /** */
  public static final String APPEAL_ID = "appeal_id";

  /** What the row records: {@link #FILED}, {@link #DECIDED} or {@link #REISSUED}. */
  public static final String CHANGE = "change";

  public static final String FILED = "filed";
  public static final String DECIDED = "decided";
  public static final String REISSUED = "reissued";

  /** When the change was made. */
  public static final String CHANGED_AT = "changed_at";

  /** Who made it. */
  public static final String CHANGED_BY = "changed_by";

  public static final String PARTNER_ID = "partner_id";
  public static final String PERIOD = "period";
  public static final String METRIC = "metric";

  /** The keys of the records the appeal names. */
  public static final String ITEMS = "items";

  public static final String REASON = "reason";
  public static final String EVIDENCE = "evidence";
  public static final String FILED_BY = "filed_by";
  public static final String FILED_AT = "filed_at";

  /** accepted, rejected, or null while undecided. */
  public static final String DECISION = "decision";

  public static final String DECIDED_BY = "decided_by";
  public static final String DECIDED_AT = "decided_at";
  public static final String NOTE = "note";
  public static final String REISSUED_AT = "reissued_at";

  static final StructType SCHEMA =
      new StructType()
          .add(APPEAL_ID, DataTypes.StringType, false)
          .add(CHANGE, DataTypes.StringType, false)
          .add(CHANGED_AT, DataTypes.TimestampType, false)
          .add(CHANGED_BY, DataTypes.StringType, false)
          .add(PARTNER_ID, DataTypes.StringType, false)
          .add(PERIOD, DataTypes.StringType, false)
          .add(METRIC, DataTypes.StringType, false)
          .add(ITEMS, DataTypes.createArrayType(DataTypes.StringType, false), false)
          .add(REASON, DataTypes.StringType, false)
          .add(EVIDENCE, DataTypes.StringType, false)
          .add(FILED_BY, DataTypes.StringType, false)
          .add(FILED_AT, DataTypes.TimestampType, false)
          .add(DECISION, DataTypes.StringType, true)
          .add(DECIDED_BY, DataTypes.StringType, true)
          .add(DECIDED_AT, DataTypes.TimestampType, true)
          .add(NOTE, DataTypes.StringType, true)
          .add(REISSUED_AT, DataTypes.TimestampType, true);

  /** Records changes of appeals in one commit; returns the version written. */
  public static long append(
      Warehouse warehouse, String change, String by, Instant at, List<Appeal> appeals) {
    List<Row> rows = new ArrayList<>();
    for (Appeal a : appeals) {
      rows.add(
          RowFactory.create(
              a.id(),
              change,
              Timestamp.from(at),
              by,
              a.partnerId(),
              a.period(),
              a.metric(),
              a.items().toArray(String[]::new),
              a.reason(),
              a.evidence(),
              a.filedBy(),
              Timestamp.from(a.filedAt()),
              a.decision(),
              a.decidedBy(),
              timestamp(a.decidedAt()),
              a.note(),
              timestamp(a.reissuedAt())));
    }
    return warehouse.append(Tables.APPEALS, warehouse.spark().createDataFrame(rows, SCHEMA));
  }

  /** Every appeal as it stands now, in the order filed; empty when none was ever filed. */
  public static List<Appeal> all(Warehouse warehouse) {
    return warehouse.readIfExists(Tables.APPEALS).map(AppealsTable::latest).orElse(List.of());
  }

  /** Every appeal as it stood at a version of the table. */
  public static List<Appeal> at(Warehouse warehouse, long version) {
    return latest(warehouse.readVersion(Tables.APPEALS, version));
  }

  /** One appeal as it stands now. */
  public static Optional<Appeal> find(Warehouse warehouse, String id) {
    return warehouse
        .readIfExists(Tables.APPEALS)
        .flatMap(t -> latest(t.filter(col(APPEAL_ID).equalTo(id))).stream().findFirst());
  }

  /** The latest row of each appeal; rows of one appeal are ordered by their time of change. */
  private static List<Appeal> latest(Dataset<Row> table) {
    Map<String, Row> byId = new LinkedHashMap<>();
    table.collectAsList().stream()
        .sorted(
            Comparator.comparing((Row r) -> r.<Timestamp>getAs(CHANGED_AT))
                .thenComparing(r -> changeOrder(r.getAs(CHANGE))))
        .forEach(r -> byId.put(r.getAs(APPEAL_ID), r));
    return byId.values().stream()
        .map(AppealsTable::appeal)
        .sorted(Comparator.comparing((Appeal a) -> a.filedAt()).thenComparing(a -> number(a.id())))
        .toList();
  }

  /** The number in an appeal id: A-17 -> 17. */
  public static int number(String id) {
    return Integer.parseInt(id.substring(id.indexOf('-') + 1));
  }

  private static int changeOrder(String change) {
    return switch (change) {
      case FILED -> 0;
      case DECIDED -> 1;
      default -> 2;
    };
  }

  private static Appeal appeal(Row r) {
    return new Appeal(
        r.getAs(APPEAL_ID),
        r.getAs(PARTNER_ID),
        r.getAs(PERIOD),
        r.getAs(METRIC),
        r.getList(r.fieldIndex(ITEMS)),
        r.getAs(REASON),
        r.getAs(EVIDENCE),
        r.getAs(FILED_BY),
        r.<Timestamp>getAs(FILED_AT).toInstant(),
        r.getAs(DECISION),
        r.getAs(DECIDED_BY),
        instant(r.getAs(DECIDED_AT)),
        r.getAs(NOTE),
        instant(r.getAs(REISSUED_AT)));
  }

  private static Timestamp timestamp(Instant at) {
    return at == null ? null : Timestamp.from(at);
  }

  private static Instant instant(Timestamp at) {
    return at == null ? null : at.toInstant();
  }
}
