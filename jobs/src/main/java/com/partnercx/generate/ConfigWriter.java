package com.partnercx.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the configuration that matches the generated landing zone: one program per partner type
 * (each flagging survey-integrity patterns, with the solicitation phrases the generator plants),
 * the partner master data (with one partner moving region mid-way, as SCD type 2), and a feed YAML
 * per extract.
 */
final class ConfigWriter {
  private ConfigWriter() {}

  /** Metric lines per program: id, weight, direction, floor, target, min_n, critical. */
  private static final Map<PartnerType, List<String>> METRICS =
      Map.of(
          PartnerType.DELIVERY,
          List.of(
              "on_time_rate: {weight: 0.25, direction: higher_is_better, floor: 0.70, target: 0.95, min_n: 100, critical: true}",
              "avg_delay_min: {weight: 0.10, direction: lower_is_better, floor: 20, target: 2, min_n: 100}",
              "cancellation_rate: {weight: 0.10, direction: lower_is_better, floor: 0.12, target: 0.02, min_n: 100}",
              "condition_issue_rate: {weight: 0.10, direction: lower_is_better, floor: 0.10, target: 0.01, min_n: 100}",
              "nps: {weight: 0.15, direction: higher_is_better, floor: -20, target: 60, min_n: 30}",
              "csat: {weight: 0.10, direction: higher_is_better, floor: 0.60, target: 0.95, min_n: 30}",
              "complaints_per_1k: {weight: 0.10, direction: lower_is_better, floor: 40, target: 5, min_n: 100}",
              "cart_abandonment_rate: {weight: 0.05, direction: lower_is_better, floor: 0.70, target: 0.30, min_n: 100}",
              "social_sentiment: {weight: 0.05, direction: higher_is_better, floor: -30, target: 60, min_n: 20}"),
          PartnerType.INSTALLER,
          List.of(
              "on_time_rate: {weight: 0.25, direction: higher_is_better, floor: 0.60, target: 0.92, min_n: 40, critical: true}",
              "first_time_fix_rate: {weight: 0.20, direction: higher_is_better, floor: 0.60, target: 0.92, min_n: 40}",
              "nps: {weight: 0.20, direction: higher_is_better, floor: -20, target: 60, min_n: 15}",
              "ces: {weight: 0.10, direction: lower_is_better, floor: 5, target: 2, min_n: 15}",
              "complaint_sla_rate: {weight: 0.10, direction: higher_is_better, floor: 0.50, target: 0.95, min_n: 10}",
              "handoff_ack_rate: {weight: 0.15, direction: higher_is_better, floor: 0.60, target: 0.98, min_n: 20}"),
          PartnerType.DEALERSHIP,
          List.of(
              "on_time_rate: {weight: 0.20, direction: higher_is_better, floor: 0.60, target: 0.92, min_n: 50}",
              "first_time_fix_rate: {weight: 0.15, direction: higher_is_better, floor: 0.60, target: 0.92, min_n: 50}",
              "nps: {weight: 0.20, direction: higher_is_better, floor: -20, target: 60, min_n: 15}",
              "csat: {weight: 0.10, direction: higher_is_better, floor: 0.60, target: 0.95, min_n: 15}",
              "complaint_sla_rate: {weight: 0.10, direction: higher_is_better, floor: 0.50, target: 0.95, min_n: 10}",
              "first_contact_resolution: {weight: 0.05, direction: higher_is_better, floor: 0.40, target: 0.85, min_n: 10}",
              "handoff_ack_rate: {weight: 0.15, direction: higher_is_better, floor: 0.60, target: 0.98, min_n: 20, critical: true}",
              "social_sentiment: {weight: 0.05, direction: higher_is_better, floor: -30, target: 60, min_n: 10}"),
          PartnerType.FRANCHISE,
          List.of(
              "on_time_rate: {weight: 0.20, direction: higher_is_better, floor: 0.70, target: 0.95, min_n: 100}",
              "cancellation_rate: {weight: 0.10, direction: lower_is_better, floor: 0.12, target: 0.02, min_n: 100}",
              "condition_issue_rate: {weight: 0.10, direction: lower_is_better, floor: 0.10, target: 0.01, min_n: 100}",
              "nps: {weight: 0.20, direction: higher_is_better, floor: -20, target: 60, min_n: 30}",
              "csat: {weight: 0.15, direction: higher_is_better, floor: 0.60, target: 0.95, min_n: 30}",
              "complaints_per_1k: {weight: 0.10, direction: lower_is_better, floor: 40, target: 5, min_n: 100}",
              "cart_abandonment_rate: {weight: 0.10, direction: lower_is_better, floor: 0.70, target: 0.30, min_n: 100}",
              "social_sentiment: {weight: 0.05, direction: higher_is_better, floor: -30, target: 60, min_n: 20}"),
          PartnerType.BROKER,
          List.of(
              "on_time_rate: {weight: 0.25, direction: higher_is_better, floor: 0.60, target: 0.92, min_n: 40, critical: true}",
              "first_time_fix_rate: {weight: 0.15, direction: higher_is_better, floor: 0.50, target: 0.90, min_n: 40}",
              "nps: {weight: 0.20, direction: higher_is_better, floor: -20, target: 60, min_n: 15}",
              "csat: {weight: 0.10, direction: higher_is_better, floor: 0.60, target: 0.95, min_n: 15}",
              "ces: {weight: 0.10, direction: lower_is_better, floor: 5, target: 2, min_n: 15}",
              "complaint_sla_rate: {weight: 0.10, direction: higher_is_better, floor: 0.50, target: 0.95, min_n: 10}",
              "handoff_ack_rate: {weight: 0.10, direction: higher_is_better, floor: 0.60, target: 0.98, min_n: 20}"),
          PartnerType.RETAIL,
          List.of(
              "on_time_rate: {weight: 0.25, direction: higher_is_better, floor: 0.70, target: 0.95, min_n: 100, critical: true}",
              "cancellation_rate: {weight: 0.10, direction: lower_is_better, floor: 0.12, target: 0.02, min_n: 100}",
              "condition_issue_rate: {weight: 0.10, direction: lower_is_better, floor: 0.10, target: 0.01, min_n: 100}",
              "nps: {weight: 0.20, direction: higher_is_better, floor: -20, target: 60, min_n: 30}",
              "csat: {weight: 0.15, direction: higher_is_better, floor: 0.60, target: 0.95, min_n: 30}",
              "complaints_per_1k: {weight: 0.10, direction: lower_is_better, floor: 40, target: 5, min_n: 100}",
              "social_sentiment: {weight: 0.10, direction: higher_is_better, floor: -30, target: 60, min_n: 20}"),
          PartnerType.FINTECH,
          List.of(
              "on_time_rate: {weight: 0.30, direction: higher_is_better, floor: 0.80, target: 0.99, min_n: 200, critical: true}",
              "cancellation_rate: {weight: 0.20, direction: lower_is_better, floor: 0.10, target: 0.01, min_n: 200}",
              "complaints_per_1k: {weight: 0.15, direction: lower_is_better, floor: 30, target: 3, min_n: 200}",
              "complaint_sla_rate: {weight: 0.10, direction: higher_is_better, floor: 0.50, target: 0.95, min_n: 10}",
              "cart_abandonment_rate: {weight: 0.15, direction: lower_is_better, floor: 0.70, target: 0.30, min_n: 200}",
              "social_sentiment: {weight: 0.10, direction: higher_is_better, floor: -30, target: 60, min_n: 20}"));

  static void write(
      Path dir,
      List<SyntheticPartner> partners,
      List<FeedSpec> feeds,
      SampleGenerator.Settings settings)
      throws IOException {
    Files.createDirectories(dir.resolve("feeds"));
    Files.writeString(dir.resolve("programs.yaml"), programs(), StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("partners.csv"), partnersCsv(partners, settings), StandardCharsets.UTF_8);
    for (FeedSpec feed : feeds) {
      List<String> ids =
          partners.stream()
              .filter(p -> feed.types().contains(p.type()))
              .map(SyntheticPartner::id)
              .toList();
      Files.writeString(
          dir.resolve("feeds").resolve(feed.id() + ".yaml"),
          feedYaml(feed, ids),
          StandardCharsets.UTF_8);
    }
  }

  private static String programs() {
    StringBuilder out = new StringBuilder();
    out.append(
        "# Incentive programs, one per partner type. Metric ids are fixed (docs/metrics.md);\n");
    out.append("# floor scores 0, target scores 100; tiers are listed best first.\n");
    out.append("programs:\n");
    for (PartnerType type : PartnerType.values()) {
      out.append("  ").append(type.programId()).append(":\n");
      out.append("    name: ").append(type.programName()).append('\n');
      out.append("    currency: EUR\n");
      out.append("    min_weight_coverage: 0.6\n");
      out.append("    peer_group_min_size: 5\n");
      out.append("    shrinkage: ")
          .append(type == PartnerType.DELIVERY || type == PartnerType.FRANCHISE)
          .append('\n');
      out.append("    on_time_grace_minutes: ")
          .append(type.leadMaxMinutes() > 600 ? 30 : 5)
          .append('\n');
      out.append("    sla_hours: {complaint: 48, handoff: 24}\n");
      out.append(
          "    appeals: {window_days: 30, reasons: [road_closure, wrong_business, brand_fault,"
              + " duplicate_record, system_outage]}\n");
      out.append("    integrity_action: flag\n");
      out.append("    integrity: {phrases: [")
          .append(
              IntegrityFlag.SOLICITATION_PHRASES.stream()
                  .map(phrase -> "\"" + phrase + "\"")
                  .collect(java.util.stream.Collectors.joining(", ")))
          .append("]}\n");
      out.append("    metrics:\n");
      for (String metric : METRICS.get(type)) {
        out.append("      ").append(metric).append('\n');
      }
      out.append("    tiers:\n");
      out.append("      - {name: platinum,  min_composite: 85, payout_pct: 12}\n");
      out.append("      - {name: gold,      min_composite: 70, payout_pct: 8}\n");
      out.append("      - {name: silver,    min_composite: 55, payout_pct: 5}\n");
      out.append("      - {name: bronze,    min_composite: 40, payout_pct: 2}\n");
      out.append("      - {name: probation, min_composite: 0,  payout_pct: 0}\n");
      out.append("    critical_cap_tier: silver\n");
    }
    return out.toString();
  }

  private static String partnersCsv(
      List<SyntheticPartner> partners, SampleGenerator.Settings settings) {
    StringBuilder out =
        new StringBuilder("partner_id,name,program,region,base_incentive,valid_from,valid_to\n");
    String from = settings.start().minusYears(1).withDayOfYear(1).toString();
    for (SyntheticPartner p : partners) {
      String base = String.format(Locale.ROOT, "%d.00", p.baseIncentive());
      if (p.index() == 2 && settings.days() > 1) {
        // This partner moved to another region half-way: two master-data versions.
        java.time.LocalDate moved = settings.start().plusDays(settings.days() / 2);
        String other =
            SyntheticPartner.REGIONS.get(
                (SyntheticPartner.REGIONS.indexOf(p.region()) + 1)
                    % SyntheticPartner.REGIONS.size());
        out.append(row(p, p.region(), base, from, moved.minusDays(1).toString()));
        out.append(row(p, other, base, moved.toString(), ""));
      } else {
        out.append(row(p, p.region(), base, from, ""));
      }
    }
    return out.toString();
  }

  private static String row(
      SyntheticPartner p, String region, String base, String from, String to) {
    String name = p.name().contains(",") ? "\"" + p.name() + "\"" : p.name();
    return String.join(",", p.id(), name, p.type().programId(), region, base, from, to) + "\n";
  }

  private static String feedYaml(FeedSpec feed, List<String> partners) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(feed.description()).append('\n');
    out.append("entity: ").append(feed.entity().id()).append('\n');
    out.append("partners: [").append(String.join(", ", partners)).append("]\n");
    out.append("format: ").append(feed.jsonLines() ? "jsonl" : "csv").append('\n');
    out.append("csv:\n");
    out.append("  delimiter: ")
        .append(feed.delimiter() == '\t' ? "tab" : "\"" + feed.delimiter() + "\"")
        .append('\n');
    out.append("  encoding: ").append(feed.encoding()).append('\n');
    out.append("timezone: ").append(feed.zone().getId()).append('\n');
    out.append("timestamp_formats: [\"").append(feed.timestampPattern()).append("\"]\n");
    out.append("columns:\n");
    feed.columns()
        .forEach(
            (canonical, source) ->
                out.append("  ").append(canonical).append(": ").append(source).append('\n'));
    if (!feed.constants().isEmpty()) {
      out.append("constants:\n");
      feed.constants()
          .forEach(
              (canonical, value) ->
                  out.append("  ").append(canonical).append(": ").append(value).append('\n'));
    }
    out.append("schedule:\n  days: [daily]\n  deadline: \"06:00\"\n");
    out.append("quality:\n  max_reject_rate: 0.05\n  min_rejected_rows: 3\n");
    return out.toString();
  }
}
