package com.partnercx.conform;

import com.partnercx.config.Partner;
import com.partnercx.config.PcxConfig;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * When each partner of partners.csv may deliver rows: its master-data versions, each with the days
 * it is valid and the time zone of its program, whose calendar days those are. Conform quarantines
 * a row of a partner that is not in it, or not valid on the row's day.
 *
 * @param versions one entry per master-data version
 */
public record PartnerCalendar(List<Version> versions) {
  static final String PARTNER_ID = "_cal_partner_id";
  static final String SPANS = "_cal_spans";
  static final String DESCRIPTION = "_cal_valid";
  static final String FROM = "valid_from";
  static final String TO = "valid_to";
  static final String ZONE = "zone";

  /**
   * One master-data version.
   *
   * @param partnerId the partner
   * @param validFrom first day it applies
   * @param validTo last day it applies; null while current
   * @param timeZone the IANA zone of its program
   */
  public record Version(
      String partnerId,
      java.time.LocalDate validFrom,
      java.time.LocalDate validTo,
      String timeZone) {}

  public PartnerCalendar {
    versions = List.copyOf(versions);
  }

  /** The calendar of partners.csv, with each version's program zone. */
  public static PartnerCalendar of(PcxConfig config) {
    List<Version> versions = new ArrayList<>();
    for (Partner p : config.partners()) {
      if (config.programs().containsKey(p.programId())) {
        versions.add(
            new Version(
                p.partnerId(),
                p.validFrom(),
                p.validTo().orElse(null),
                config.program(p.programId()).timeZone().getId()));
      }
    }
    return new PartnerCalendar(versions);
  }

  private static final StructType SPAN =
      new StructType()
          .add(FROM, DataTypes.DateType, false)
          .add(TO, DataTypes.DateType, true)
          .add(ZONE, DataTypes.StringType, false);

  static final StructType SCHEMA =
      new StructType()
          .add(PARTNER_ID, DataTypes.StringType, false)
          .add(SPANS, DataTypes.createArrayType(SPAN, false), false)
          .add(DESCRIPTION, DataTypes.StringType, false);

  /** One row per partner: its versions' spans and, for messages, their dates in words. */
  Dataset<Row> toDataset(SparkSession spark) {
    Map<String, List<Version>> byPartner =
        versions.stream()
            .collect(Collectors.groupingBy(Version::partnerId, TreeMap::new, Collectors.toList()));
    List<Row> rows = new ArrayList<>();
    byPartner.forEach(
        (partner, list) -> {
          List<Row> spans =
              list.stream()
                  .map(
                      v ->
                          RowFactory.create(
                              Date.valueOf(v.validFrom()),
                              v.validTo() == null ? null : Date.valueOf(v.validTo()),
                              v.timeZone()))
                  .toList();
          String words =
              list.stream()
                  .map(v -> v.validFrom() + ".." + (v.validTo() == null ? "" : v.validTo()))
                  .collect(Collectors.joining(", "));
          rows.add(RowFactory.create(partner, spans, words));
        });
    return spark.createDataFrame(rows, SCHEMA);
  }
}
