package com.partnercx.score;

import com.partnercx.config.Partner;
import com.partnercx.config.PcxConfig;
import com.partnercx.config.Program;
import java.sql.Date;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Partner master data from the configuration as a small Dataset to join with facts by validity,
 * with what the daily measures need of the partner's program (grace, SLA hours, time zone).
 */
final class PartnerDimension {
  static final String PARTNER_ID = "dim_partner_id";
  static final String PROGRAM_ID = "dim_program_id";
  static final String GRACE_MINUTES = "dim_grace_minutes";
  static final String COMPLAINT_SLA_HOURS = "dim_complaint_sla_hours";
  static final String HANDOFF_SLA_HOURS = "dim_handoff_sla_hours";
  static final String VALID_FROM = "dim_valid_from";
  static final String VALID_TO = "dim_valid_to";
  static final String TIME_ZONE = "dim_time_zone";

  static final StructType SCHEMA =
      new StructType()
          .add(PARTNER_ID, DataTypes.StringType, false)
          .add(PROGRAM_ID, DataTypes.StringType, false)
          .add(GRACE_MINUTES, DataTypes.IntegerType, false)
          .add(COMPLAINT_SLA_HOURS, DataTypes.IntegerType, false)
          .add(HANDOFF_SLA_HOURS, DataTypes.IntegerType, false)
          .add(VALID_FROM, DataTypes.DateType, false)
          .add(VALID_TO, DataTypes.DateType, true)
          .add(TIME_ZONE, DataTypes.StringType, false);

  private PartnerDimension() {}

  /** The dimension of the partners of partners.csv. */
  static Dataset<Row> of(SparkSession spark, PcxConfig config) {
    return of(spark, config, config.partners());
  }

  /**
   * The dimension of silver/partner at the version in {@code versions}, or of partners.csv when no
   * version of it was read.
   */
  static Dataset<Row> at(
      com.partnercx.warehouse.Warehouse warehouse, PcxConfig config, Map<String, Long> versions) {
    Long version = versions.get(com.partnercx.tables.Tables.PARTNER);
    return of(
        warehouse.spark(),
        config,
        version == null
            ? config.partners()
            : com.partnercx.tables.PartnerTable.versions(warehouse, version));
  }

  /**
   * The dimension of these master-data versions (silver/partner's, or partners.csv's), with the
   * rules of their programs; a version whose program is no longer configured is left out.
   */
  static Dataset<Row> of(SparkSession spark, PcxConfig config, List<Partner> partners) {
    List<Row> rows =
        partners.stream()
            .filter(p -> config.programs().containsKey(p.programId()))
            .map(
                p -> {
                  Program program = config.program(p.programId());
                  return RowFactory.create(
                      p.partnerId(),
                      p.programId(),
                      program.onTimeGraceMinutes(),
                      program.complaintSlaHours(),
                      program.handoffSlaHours(),
                      Date.valueOf(p.validFrom()),
                      p.validTo().map(Date::valueOf).orElse(null),
                      program.timeZone().getId());
                })
            .toList();
    return spark.createDataFrame(rows, SCHEMA);
  }
}
