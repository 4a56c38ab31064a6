package com.partnercx.tables;

import com.partnercx.config.Partner;
import com.partnercx.warehouse.Warehouse;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code silver/partner}: partner master data as a slowly changing dimension of type 2, one row per
 * partner and version with the dates it is valid. Its schema and row builder.
 */
public final class PartnerTable {
  private PartnerTable() {}

  /** The partner. */
  public static final String PARTNER_ID = "partner_id";

  /** Its display name. */
  public static final String NAME = "name";

  /** Its incentive program in this version. */
  public static final String PROGRAM_ID = "program_id";

  /** Its region. */
  public static final String REGION = "region";

  /** Base incentive per quarter. */
  public static final String BASE_INCENTIVE = "base_incentive";

  /** First day the version is valid. */
  public static final String VALID_FROM = "valid_from";

  /** Last day the version is valid; null while open. */
  public static final String VALID_TO = "valid_to";

  /** Whether the version is open-ended. */
  public static final String IS_CURRENT = "is_current";

  /** Whether the version was taken out of partners.csv (kept, never deleted). */
  public static final String REMOVED = "removed";

  /** SHA-256 of the configuration the version was read from. */
  public static final String CONFIG_HASH = "config_hash";

  /** The run that wrote the row. */
  public static final String RUN_ID = "_run_id";

  /** When the row was written or changed. */
  public static final String CHANGED_AT = "_changed_at";

  /** The natural key: one row per partner and version start. */
  public static final List<String> KEY = List.of(PARTNER_ID, VALID_FROM);

  /** The columns whose change is a correction of the version (lineage columns do not count). */
  public static final List<String> ATTRIBUTES =
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

  /** The rows of the partners' versions as configured now. */
  public static Dataset<Row> rows(
      Warehouse warehouse,
      List<Partner> partners,
      String configHash,
      String runId,
      Timestamp changedAt) {
    List<Row> rows =
        partners.stream()
            .map(
                p ->
                    RowFactory.create(
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
                        changedAt))
            .toList();
    return warehouse.spark().createDataFrame(rows, SCHEMA);
  }

  /**
   * Whether the table says what {@code partners} say already: every configured version with the
   * same attributes, every other version marked removed. A run over an unchanged partners.csv then
   * has nothing to write, and costs one read of a small table instead of a MERGE.
   */
  public static boolean holds(Warehouse warehouse, List<Partner> partners) {
    if (!warehouse.exists(Tables.PARTNER)) {
      return false;
    }
    Map<String, Partner> wanted = new HashMap<>();
    partners.forEach(p -> wanted.put(p.partnerId() + "\u0000" + p.validFrom(), p));
    int matched = 0;
    for (Row r : rowsAt(warehouse, warehouse.version(Tables.PARTNER))) {
      Partner p =
          wanted.get(
              r.<String>getAs(PARTNER_ID) + "\u0000" + r.<Date>getAs(VALID_FROM).toLocalDate());
      boolean removed = r.<Boolean>getAs(REMOVED);
      if (p == null) {
        if (!removed) {
          return false;
        }
        continue;
      }
      Optional<LocalDate> validTo =
          Optional.ofNullable(r.<Date>getAs(VALID_TO)).map(Date::toLocalDate);
      boolean same =
          !removed
              && p.name().equals(r.getAs(NAME))
              && p.programId().equals(r.getAs(PROGRAM_ID))
              && java.util.Objects.equals(p.region(), r.getAs(REGION))
              && p.baseIncentive().compareTo(r.getAs(BASE_INCENTIVE)) == 0
              && p.validTo().equals(validTo)
              && r.<Boolean>getAs(IS_CURRENT) == p.validTo().isEmpty();
      if (!same) {
        return false;
      }
      matched++;
    }
    return matched == wanted.size();
  }

  /**
   * Each partner's master data for a period, from the table at its latest version (recorded in
   * {@code versionsRead}): the version valid on the period's last day, else the last version valid
   * during the period; a partner removed from partners.csv since keeps the version it had then.
   * Empty when the table does not exist.
   */
  public static Map<String, Partner> forPeriod(
      Warehouse warehouse, LocalDate start, LocalDate end, Map<String, Long> versionsRead) {
    Optional<Dataset<Row>> table = warehouse.readLatest(Tables.PARTNER, versionsRead);
    return table.map(t -> forPeriod(t, start, end)).orElse(Map.of());
  }

  /** {@link #forPeriod(Warehouse, LocalDate, LocalDate, Map)} over the table at a version. */
  public static Map<String, Partner> forPeriod(
      Warehouse warehouse, long version, LocalDate start, LocalDate end) {
    return forPeriod(warehouse.readVersion(Tables.PARTNER, version), start, end);
  }

  /** Every version not removed from partners.csv, at a table version. */
  public static List<Partner> versions(Warehouse warehouse, long version) {
    return rowsAt(warehouse, version).stream()
        .filter(r -> !r.<Boolean>getAs(REMOVED))
        .map(PartnerTable::partner)
        .toList();
  }

  /** The last table version read, kept: a nightly compares it with partners.csv, then scores. */
  private static volatile Map.Entry<String, List<Row>> lastRead;

  /** Every row of the table at a version (a few thousand rows); versions never change. */
  private static List<Row> rowsAt(Warehouse warehouse, long version) {
    // A table deleted and written again at the same place starts its versions again.
    Optional<String> stamp = warehouse.commitStamp(Tables.PARTNER, version);
    String key = warehouse.path(Tables.PARTNER) + "@" + stamp.orElse("");
    Map.Entry<String, List<Row>> last = lastRead;
    if (stamp.isPresent() && last != null && last.getKey().equals(key)) {
      return last.getValue();
    }
    List<Row> rows = List.copyOf(warehouse.readVersion(Tables.PARTNER, version).collectAsList());
    if (stamp.isPresent()) {
      lastRead = Map.entry(key, rows);
    }
    return rows;
  }

  private static Partner partner(Row r) {
    return new Partner(
        r.getAs(PARTNER_ID),
        r.getAs(NAME),
        r.getAs(PROGRAM_ID),
        r.getAs(REGION),
        r.getAs(BASE_INCENTIVE),
        r.<Date>getAs(VALID_FROM).toLocalDate(),
        Optional.ofNullable(r.<Date>getAs(VALID_TO)).map(Date::toLocalDate));
  }

  private static Map<String, Partner> forPeriod(
      Dataset<Row> table, LocalDate start, LocalDate end) {
    LocalDate last = end.minusDays(1);
    Map<String, Partner> out = new HashMap<>();
    Map<String, Partner> removed = new HashMap<>();
    for (Row r : table.collectAsList()) {
      LocalDate from = r.<Date>getAs(VALID_FROM).toLocalDate();
      Date to = r.getAs(VALID_TO);
      Optional<LocalDate> validTo = Optional.ofNullable(to).map(Date::toLocalDate);
      if (from.isAfter(last) || validTo.map(d -> d.isBefore(start)).orElse(false)) {
        continue;
      }
      Partner partner = partner(r);
      (r.<Boolean>getAs(REMOVED) ? removed : out)
          .merge(
              partner.partnerId(), partner, (a, b) -> a.validFrom().isAfter(b.validFrom()) ? a : b);
    }
    // A partner taken out of partners.csv since keeps the version it had in the period.
    removed.forEach(out::putIfAbsent);
    return out;
  }
}
