package com.partnercx.config;

import static java.util.stream.Collectors.joining;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.partnercx.errors.ErrorCode;
import com.partnercx.errors.PcxException;
import com.partnercx.schema.Entity;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final Path SAMPLE = Path.of("../data-samples/config");

  /** programs.yaml with one program, "basic", scoring NPS. */
  private static final String NPS_PROGRAM =
      """
      programs:
        basic:
          {name: Basic, currency: USD, tiers: [{name: all, min_composite: 0, payout_pct: 0}],
           metrics: {nps: {weight: 1, direction: higher_is_better, floor: -20, target: 60}}}
      """;

  @TempDir Path dir;

  private void write(String file, String text) throws IOException {
    Path path = dir.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text);
  }

  @Test
  void loadsTheSampleConfiguration() {
    PcxConfig config = new ConfigLoader().load(SAMPLE);

    assertEquals(
        List.of("delivery", "installer", "dealership", "franchise", "broker", "retail", "fintech"),
        List.copyOf(config.programs().keySet()));
    Program delivery = config.program("delivery");
    assertEquals("Food delivery partners", delivery.name());
    assertEquals(5, delivery.onTimeGraceMinutes());
    assertEquals(48, delivery.complaintSlaHours());
    assertEquals(24, delivery.handoffSlaHours());
    assertEquals(0.6, delivery.minWeightCoverage());
    assertEquals(true, delivery.shrinkage());
    assertEquals("silver", delivery.criticalCapTier());
    assertEquals(
        new MetricSpec(
            MetricId.ON_TIME_RATE, 0.25, Direction.HIGHER_IS_BETTER, 0.70, 0.95, 100, true),
        delivery.metric(MetricId.ON_TIME_RATE).orElseThrow());
    assertEquals(
        new MetricSpec(MetricId.NPS, 0.15, Direction.HIGHER_IS_BETTER, -20, 60, 30, false),
        delivery.metric(MetricId.NPS).orElseThrow());
    assertEquals(new Tier("platinum", 85, 12), delivery.tiers().get(0));

    assertEquals(61, config.partners().size(), "60 partners, one of them in two versions");
    assertEquals(
        new Partner(
            "D-001",
            "Trattoria Hamburg",
            "delivery",
            "Nord",
            new BigDecimal("9100.00"),
            LocalDate.of(2025, 1, 1),
            Optional.empty()),
        config.partners().get(0));
    assertEquals(
        new Partner(
            "A-001",
            "Autohaus Leipzig",
            "dealership",
            "Süd",
            new BigDecimal("18400.00"),
            LocalDate.of(2025, 1, 1),
            Optional.of(LocalDate.of(2026, 6, 30))),
        config.partners().get(2));
    assertEquals("Ost", config.partnerOn("A-001", LocalDate.of(2026, 7, 1)).orElseThrow().region());

    Feed metro = config.feeds().get("metroeats_orders");
    assertEquals(Entity.SERVICE_EVENT, metro.entity());
    assertEquals(';', metro.csv().delimiter());
    assertEquals(ZoneId.of("Europe/Berlin"), metro.timeZone());
    assertEquals(List.of("dd.MM.yyyy HH:mm"), metro.timestampFormats());
    assertEquals("restaurant_code", metro.columns().get("partner_id"));
    assertEquals(Map.of("channel", "app"), metro.constants());
    assertTrue(metro.requiredColumns().contains("order_no"));
    assertEquals(EnumSet.allOf(DayOfWeek.class), metro.schedule().days());
    assertEquals(0.05, metro.quality().maxRejectRate());
    assertEquals('\t', config.feeds().get("fixit_surveys").csv().delimiter());
    assertEquals("ISO-8859-1", config.feeds().get("autohaus_visits").csv().encoding());
    assertEquals(FeedFormat.JSONL, config.feeds().get("broker_cases").format());
    assertEquals(15, config.feeds().size());
    assertEquals(64, config.hash().length());
  }

  @Test
  void optionalColumnsAreNotRequired() throws IOException {
    write(
        "programs.yaml",
        "programs:\n" + com.partnercx.TestPrograms.onTimeOnly("basic", "Basic", "USD"));
    write(
        "partners.csv",
        "partner_id,name,program,region,base_incentive,valid_from\nB-1,Basic One,basic,North,100,2026-01-01\n");
    write(
        "feeds/basic_events.yaml",
        """
        entity: service_event
        partners: [B-1]
        timezone: UTC
        columns: {partner_id: p, event_id: e, created_at: c, condition_issue: damaged}
        optional_columns: [damaged]
        """);
    assertEquals(
        List.of("p", "e", "c"),
        new ConfigLoader().load(dir).feeds().get("basic_events").requiredColumns());
  }

  @Test
  void onlyColumnsTheKeysThePeriodAndTheProgramsMetricsNeedAreRequired() throws IOException {
    write(
        "programs.yaml",
        "programs:\n" + com.partnercx.TestPrograms.onTimeOnly("basic", "Basic", "USD"));
    write(
        "partners.csv",
        "partner_id,name,program,region,base_incentive,valid_from\n"
            + "B-1,Basic One,basic,North,100,2026-01-01\nB-2,Basic Two,basic,North,100,2026-01-01\n");
    write(
        "feeds/market_orders.yaml",
        """
        entity: service_event
        partners: all
        timezone: America/Sao_Paulo
        columns:
          partner_id: seller_id
          event_id: order_id
          created_at: purchased
          promised_at: estimated
          fulfilled_at: delivered
          status: order_status
          order_value: amount
          customer_key: customer
        values:
          status: {delivered: completed, shipped: open, canceled: cancelled, unavailable: failed}
        date_only: [promised_at]
        schedule: none
        """);
    Feed feed = new ConfigLoader().load(dir).feeds().get("market_orders");
    assertEquals(List.of("B-1", "B-2"), feed.partners());
    assertEquals(
        List.of("seller_id", "order_id", "purchased", "estimated", "delivered", "order_status"),
        feed.requiredColumns());
    assertEquals("open", feed.values().get("status").get("shipped"));
    assertEquals(java.util.Set.of("promised_at"), feed.dateOnlyFields());
    assertEquals(List.of("yyyy-MM-dd"), feed.dateFormats());
    assertEquals(false, feed.scheduled());
  }

  @Test
  void lookupsRequireTheirKeyHereAndTheirColumnsThere() throws IOException {
    writeProgramPartnerAndFeed(
        NPS_PROGRAM,
        """
        entity: service_event
        partners: all
        timezone: UTC
        lookups:
          - {feed: items, on: order_id, take: {seller_id: seller}}
        columns: {partner_id: seller, event_id: order_id, created_at: bought}
        """);
    write("feeds/items.yaml", "entity: reference\nschedule: none\n");
    PcxConfig config = new ConfigLoader().load(dir);
    Feed orders = config.feeds().get("basic_events");
    assertEquals(List.of("order_id", "bought"), orders.requiredColumns());
    assertEquals(
        List.of(new Lookup("items", Map.of("order_id", "order_id"), Map.of("seller_id", "seller"))),
        orders.lookups());
    Feed items = config.feeds().get("items");
    assertTrue(items.isReference());
    assertEquals("reference", items.entityId());
    assertEquals(List.of("order_id", "seller_id"), items.requiredColumns());
  }

  @Test
  void lookupMistakesAreExplained() throws IOException {
    writeProgramPartnerAndFeed(
        NPS_PROGRAM,
        """
        entity: service_event
        partners: [B-1]
        timezone: UTC
        lookups:
          - {feed: order_items, on: order_id, take: {seller_id: seller}}
          - {feed: basic_events, take: {}}
          - {feed: items, on: {order_no: order_id}, take: {seller_id: seller}, via: x}
        columns: {partner_id: seller, event_id: order_id, created_at: bought}
        """);
    write("feeds/items.yaml", "entity: reference\ncolumns: {partner_id: seller}\n");
    assertProblems(
        "feeds/basic_events.yaml [lookups[1].feed]: a feed cannot look up its own rows",
        "feeds/basic_events.yaml [lookups[1].on]: missing; expected the column both feeds carry (e.g. order_id), or a mapping of this feed's column to the looked-up feed's column",
        "feeds/basic_events.yaml [lookups[1].take]: is empty; name at least one column to take",
        "feeds/basic_events.yaml [lookups[2].via]: unknown key; expected one of [feed, on, take]",
        "feeds/items.yaml [columns]: a reference feed is not mapped to an entity; the feeds that look it up take its columns under lookups",
        "feeds/basic_events.yaml [lookups[0].feed]: unknown feed 'order_items'; expected one of [basic_events, items]");
  }

  @Test
  void valueMappingsDateFieldsAndPartnersAreChecked() throws IOException {
    writeProgramPartnerAndFeed(
        NPS_PROGRAM,
        """
        {entity: service_event, partners: everyone, timezone: UTC,
         columns: {partner_id: p, event_id: e, created_at: c, status: s, condition_issue: d},
         values: {status: {delivered: done, Shipped: open, shipped: completed},
                  condition_issue: {damaged: maybe}, channel: {web: online},
                  created_at: {today: now}, colour: {red: rot}},
         date_only: [status, fulfilled_at], date_formats: ["yyyy-MM-dd QQQQQQ"]}
        """);
    assertProblems(
        "feeds/basic_events.yaml [partners]: expected a list of partner ids (or the word 'all' instead of a list), found 'everyone'",
        "feeds/basic_events.yaml [date_formats]: invalid pattern 'yyyy-MM-dd QQQQQQ': Too many pattern letters: Q",
        "feeds/basic_events.yaml [values.status.delivered]: 'done' is not a value of status; expected one of [completed, cancelled, failed, open]",
        "feeds/basic_events.yaml [values.status.shipped]: source values are compared ignoring case, and this one is mapped twice ('open' and 'completed')",
        "feeds/basic_events.yaml [values.condition_issue.damaged]: 'maybe' is not a value of condition_issue; expected true or false",
        "feeds/basic_events.yaml [values.channel]: 'channel' is not mapped under columns; map its source column",
        "feeds/basic_events.yaml [values.created_at]: timestamps cannot be mapped by value; use timestamp_formats",
        "feeds/basic_events.yaml [values.colour]: 'colour' is not a field of service_event; expected one of [partner_id, event_id, customer_key, location_id, channel, created_at, promised_at, fulfilled_at, status, first_time_fix, condition_issue, order_value]",
        "feeds/basic_events.yaml [date_only]: 'status' is not a timestamp field of service_event; expected some of [created_at, promised_at, fulfilled_at]",
        "feeds/basic_events.yaml [date_only]: 'fulfilled_at' is not mapped under columns");
  }

  @Test
  void pinsTheDefaults() throws IOException {
    write(
        "programs.yaml",
        """
        programs:
          basic:
            name: Basic
            currency: USD
            metrics:
              on_time_rate: {weight: 1, direction: higher_is_better, floor: 0.5, target: 0.9}
            tiers:
              - {name: good, min_composite: 50, payout_pct: 5}
              - {name: poor, min_composite: 0, payout_pct: 0}
        """);
    write(
        "partners.csv",
        "partner_id,name,program,region,base_incentive,valid_from\nB-1,Basic One,basic,North,100,2026-01-01\n");
    write(
        "feeds/basic_events.yaml",
        """
        entity: service_event
        partners: [B-1]
        timezone: UTC
        columns: {partner_id: p, event_id: e, created_at: c}
        """);

    PcxConfig config = new ConfigLoader().load(dir);

    Program basic = config.program("basic");
    assertEquals(ProgramsReader.DEFAULT_MIN_WEIGHT_COVERAGE, basic.minWeightCoverage());
    assertEquals(0.5, basic.minWeightCoverage());
    assertEquals(false, basic.shrinkage());
    assertEquals(0, basic.onTimeGraceMinutes());
    assertEquals(48, basic.complaintSlaHours());
    assertEquals(24, basic.handoffSlaHours());
    assertEquals(5, basic.peerGroupMinSize());
    assertEquals(java.time.ZoneOffset.UTC, basic.timeZone());
    assertEquals(null, basic.criticalCapTier());
    assertEquals(new AppealRules(30, List.of()), basic.appeals());
    assertEquals(IntegrityRules.DEFAULT, basic.integrity());
    MetricSpec metric = basic.metrics().get(0);
    assertEquals(30, metric.minSample());
    assertEquals(false, metric.critical());

    Feed feed = config.feeds().get("basic_events");
    assertEquals(FeedFormat.CSV, feed.format());
    assertEquals(CsvOptions.DEFAULTS, feed.csv());
    assertEquals(new CsvOptions(',', '"', '"', true, "UTF-8"), feed.csv());
    assertEquals(List.of("yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss"), feed.timestampFormats());
    assertEquals(EnumSet.allOf(DayOfWeek.class), feed.schedule().days());
    assertEquals(LocalTime.of(6, 0), feed.schedule().deadline());
    assertEquals(0.05, feed.quality().maxRejectRate());
    assertEquals(List.of("p", "e", "c"), feed.requiredColumns());
    assertEquals(Optional.empty(), config.partners().get(0).validTo());
  }

  @Test
  void reportsEveryProblemAtOnceWithFileKeyAndExpectation() throws IOException {
    write(
        "programs.yaml",
        """
        programs:
          delivery:
            name: Delivery
            currency: euro
            metrics:
              on_time: {weight: 1, direction: higher_is_better, floor: 0.5, target: 0.9}
              cancellation_rate: {weight: 1, direction: lower_is_better, floor: 0.02, target: 0.12}
              avg_delay_min: {wieght: 1, direction: lower_is_better, floor: 30, target: 5}
            tiers:
              - {name: gold, min_composite: 60, payout_pct: 5}
              - {name: silver, min_composite: 70, payout_pct: 3}
        """);
    write(
        "partners.csv",
        "partner_id,name,program,region,base_incentive,valid_from,valid_to\n"
            + "D-1,Good Partner,delivery,North,1000,2026-01-01,\n"
            + "D-2,Bad Partner,franchise,North,lots,01/02/2026,\n");
    write(
        "feeds/orders.yaml",
        """
        entity: service_event
        partners: [D-1, D-9]
        csv: {delimiter: ";;"}
        timezone: Mars/Olympus
        columns: {partner_id: shop, created_at: ts, colour: c}
        """);

    PcxException e = assertThrows(PcxException.class, () -> new ConfigLoader().load(dir));

    assertEquals(ErrorCode.CONFIG_INVALID, e.code());
    String message = e.getMessage();
    List<String> expected =
        List.of(
            "programs.yaml [programs.delivery.currency]: expected a three-letter ISO 4217 code such as EUR, found 'euro'",
            "programs.yaml [programs.delivery.tiers[1].min_composite]: expected tiers best first with strictly decreasing min_composite, found 70 after 60",
            "programs.yaml [programs.delivery.tiers]: the last tier must start at min_composite 0 so every partner gets a tier, found 70",
            "programs.yaml [programs.delivery.metrics.on_time]: unknown metric; expected one of [nps, csat, ces, on_time_rate, avg_delay_min, cancellation_rate, first_time_fix_rate, condition_issue_rate, complaints_per_1k, complaint_sla_rate, first_contact_resolution, social_sentiment, cart_abandonment_rate, handoff_ack_rate, feed_timeliness]",
            "programs.yaml [programs.delivery.metrics.cancellation_rate.floor]: lower_is_better needs floor > target, found floor 0.02 and target 0.12",
            "programs.yaml [programs.delivery.metrics.avg_delay_min.wieght]: unknown key; expected one of [critical, direction, floor, min_n, target, weight]",
            "programs.yaml [programs.delivery.metrics.avg_delay_min.weight]: missing; expected a positive weight",
            "partners.csv [row 3, column program]: unknown program 'franchise'; expected one of [delivery] from programs.yaml",
            "partners.csv [row 3, column base_incentive]: expected a decimal amount such as 12000.00, found 'lots'",
            "partners.csv [row 3, column valid_from]: expected a date yyyy-mm-dd, found '01/02/2026'",
            "feeds/orders.yaml [partners]: partner 'D-9' is not in partners.csv",
            "feeds/orders.yaml [csv.delimiter]: expected one character (or 'tab'), found ';;'",
            "feeds/orders.yaml [timezone]: unknown time zone 'Mars/Olympus'; expected an IANA name such as Europe/Berlin",
            "feeds/orders.yaml [columns.colour]: 'colour' is not a field of service_event; expected one of [partner_id, event_id, customer_key, location_id, channel, created_at, promised_at, fulfilled_at, status, first_time_fix, condition_issue, order_value]",
            "feeds/orders.yaml [columns]: no column mapped to key field 'event_id' of service_event; expected columns.event_id: <source column>");
    for (String line : expected) {
      assertTrue(
          message.contains("  - " + line + "\n"), "missing:\n  " + line + "\nin:\n" + message);
    }
    assertTrue(
        message.startsWith("Configuration in " + dir + " has " + expected.size() + " problems:"),
        message);
    assertTrue(message.endsWith("run `pcx validate-config --config " + dir + "` again."), message);
  }

  @Test
  void unknownKeysListTheKeysEachSectionReadsAndComeFirstInTheirSection() throws IOException {
    writeProgramPartnerAndFeed(
        """
        programs:
          basic:
            {name: Basic, currency: USD, colour: blue, sla_hours: {complaint: 12, handof: 6},
             metrics: {on_time_rate: {weight: 1, direction: higher_is_better, floor: 0.5, target: 0.9, n: 3}},
             tiers: [{name: all, min_composite: 0, payout_pct: 0, payout: 1}]}
        version: 2
        """,
        """
        {entity: service_event, partners: [B-1], timezone: UTC,
         columns: {partner_id: p, event_id: e, created_at: c},
         csv: {delimiter: ",", separator: ";"},
         schedule: {days: [mon], deadline: "6 am", from: 2026-04-01, until: 2026-12-31},
         quality: {max_reject_rate: 0.1, max_rejects: 4}, retention: 30}
        """);

    assertProblems(
        "programs.yaml [version]: unknown key; expected one of [programs]",
        "programs.yaml [programs.basic.colour]: unknown key; expected one of [appeals, comments_in_partner_edition, critical_cap_tier, currency, integrity, integrity_action, metrics, min_weight_coverage, name, on_time_grace_minutes, peer_group_min_size, shrinkage, sla_hours, tiers, timezone]",
        "programs.yaml [programs.basic.sla_hours.handof]: unknown key; expected one of [complaint, handoff]",
        "programs.yaml [programs.basic.tiers[0].payout]: unknown key; expected one of [min_composite, name, payout_pct]",
        "programs.yaml [programs.basic.metrics.on_time_rate.n]: unknown key; expected one of [critical, direction, floor, min_n, target, weight]",
        "feeds/basic_events.yaml [retention]: unknown key; expected one of [columns, constants, csv, date_formats, date_only, entity, format, lookups, optional_columns, partners, plausible, quality, schedule, timestamp_formats, timezone, values]",
        "feeds/basic_events.yaml [csv.separator]: unknown key; expected one of [delimiter, encoding, escape, header, quote]",
        "feeds/basic_events.yaml [schedule.until]: unknown key; expected one of [days, deadline, from]",
        "feeds/basic_events.yaml [schedule.deadline]: expected a local time HH:mm such as 06:00, found '6 am'",
        "feeds/basic_events.yaml [quality.max_rejects]: unknown key; expected one of [max_reject_rate, min_rejected_rows]");
  }

  @Test
  void aBadDeadlineDoesNotHideABadStartDate() throws IOException {
    writeProgramPartnerAndFeed(
        NPS_PROGRAM,
        """
        {entity: service_event, partners: [B-1], timezone: UTC,
         columns: {partner_id: p, event_id: e, created_at: c},
         schedule: {deadline: "6 am", from: April}}
        """);

    assertProblems(
        "feeds/basic_events.yaml [schedule.deadline]: expected a local time HH:mm such as 06:00, found '6 am'",
        "feeds/basic_events.yaml [schedule.from]: expected a date yyyy-mm-dd such as 2026-04-01, found 'April'");
  }

  @Test
  void aProgramsTimeZoneIsAnIanaName() throws IOException {
    writeProgramPartnerAndFeed(
        """
        programs:
          basic:
            {name: Basic, currency: USD, timezone: Europe/Berlin,
             tiers: [{name: all, min_composite: 0, payout_pct: 0}],
             metrics: {nps: {weight: 1, direction: higher_is_better, floor: -20, target: 60}}}
        """,
        """
        {entity: service_event, partners: [B-1], timezone: UTC,
         columns: {partner_id: p, event_id: e, created_at: c}}
        """);
    assertEquals(
        java.time.ZoneId.of("Europe/Berlin"),
        new ConfigLoader().load(dir).program("basic").timeZone());

    write(
        "programs.yaml",
        """
        programs:
          basic:
            {name: Basic, currency: USD, timezone: Berlin,
             tiers: [{name: all, min_composite: 0, payout_pct: 0}],
             metrics: {nps: {weight: 1, direction: higher_is_better, floor: -20, target: 60}}}
        """);
    assertProblems(
        "programs.yaml [programs.basic.timezone]: unknown time zone 'Berlin'; expected an IANA name such as Europe/Berlin");
  }

  @Test
  void appealReasonsAreCodesListedOnceAndTheWindowIsWholeDays() throws IOException {
    String feed =
        """
        {entity: service_event, partners: [B-1], timezone: UTC,
         columns: {partner_id: p, event_id: e, created_at: c}}
        """;
    writeProgramPartnerAndFeed(
        """
        programs:
          basic:
            {name: Basic, currency: USD, appeals: {window_days: 45, reasons: [road_closure, brand_fault]},
             tiers: [{name: all, min_composite: 0, payout_pct: 0}],
             metrics: {nps: {weight: 1, direction: higher_is_better, floor: -20, target: 60}}}
        """,
        feed);
    assertEquals(
        new AppealRules(45, List.of("road_closure", "brand_fault")),
        new ConfigLoader().load(dir).program("basic").appeals());

    writeProgramPartnerAndFeed(
        """
        programs:
          basic:
            {name: Basic, currency: USD,
             appeals: {window_days: -1, reasons: [Road Closure], days: 3},
             tiers: [{name: all, min_composite: 0, payout_pct: 0}],
             metrics: {nps: {weight: 1, direction: higher_is_better, floor: -20, target: 60}}}
        """,
        feed);
    assertProblems(
        "programs.yaml [programs.basic.appeals.days]: unknown key; expected one of [reasons, window_days]",
        "programs.yaml [programs.basic.appeals.window_days]: expected whole days >= 0 after the period's close, found '-1'",
        "programs.yaml [programs.basic.appeals.reasons]: expected reason codes of lower-case letters, digits and _, found 'Road Closure'");

    writeProgramPartnerAndFeed(
        """
        programs:
          basic:
            {name: Basic, currency: USD, appeals: {reasons: [brand_fault, road_closure, brand_fault]},
             tiers: [{name: all, min_composite: 0, payout_pct: 0}],
             metrics: {nps: {weight: 1, direction: higher_is_better, floor: -20, target: 60}}}
        """,
        feed);
    assertProblems(
        "programs.yaml [programs.basic.appeals.reasons]: reason code 'brand_fault' appears twice");

    writeProgramPartnerAndFeed(
        """
        programs:
          basic:
            {name: Basic, currency: USD, integrity_action: exclude_flagged,
             integrity: {min_responses: 50, burst_seconds: 30, phrases: [rate us 10, Give us 5 stars]},
             tiers: [{name: all, min_composite: 0, payout_pct: 0}],
             metrics: {nps: {weight: 1, direction: higher_is_better, floor: -20, target: 60}}}
        """,
        feed);
    IntegrityRules integrity = new ConfigLoader().load(dir).program("basic").integrity();
    assertEquals(IntegrityRules.Action.EXCLUDE_FLAGGED, integrity.action());
    assertEquals(50, integrity.minResponses());
    assertEquals(30, integrity.burstSeconds());
    assertEquals(IntegrityRules.DEFAULT_BURST_SHARE, integrity.burstShare());
    assertEquals(List.of("rate us 10", "Give us 5 stars"), integrity.phrases());

    writeProgramPartnerAndFeed(
        """
        programs:
          basic:
            {name: Basic, currency: USD, integrity_action: penalise,
             integrity: {burst_share: 1.5, phrases: [rate us 10, Rate Us 10], window: 3},
             tiers: [{name: all, min_composite: 0, payout_pct: 0}],
             metrics: {nps: {weight: 1, direction: higher_is_better, floor: -20, target: 60}}}
        """,
        feed);
    assertProblems(
        "programs.yaml [programs.basic.integrity_action]: expected flag or exclude_flagged, found 'penalise'",
        "programs.yaml [programs.basic.integrity.window]: unknown key; expected one of [burst_min_responses, burst_seconds, burst_share, concentration_share, concentration_top, min_responses, phrase_min_comments, phrases, response_drop, top_share_margin]",
        "programs.yaml [programs.basic.integrity.burst_share]: expected a share between 0 and 1, found 1.5",
        "programs.yaml [programs.basic.integrity.phrases]: phrase 'Rate Us 10' appears twice");
  }

  /** Writes programs.yaml and one feed, feeds/basic_events.yaml, with partner B-1 of "basic". */
  private void writeProgramPartnerAndFeed(String programs, String feed) throws IOException {
    write("programs.yaml", programs);
    write(
        "partners.csv",
        "partner_id,name,program,region,base_incentive,valid_from\nB-1,Basic One,basic,North,100,2026-01-01\n");
    write("feeds/basic_events.yaml", feed);
  }

  /** Asserts that loading reports exactly these problems, in this order. */
  private void assertProblems(String... expected) {
    PcxException e = assertThrows(PcxException.class, () -> new ConfigLoader().load(dir));
    String lines = Arrays.stream(expected).map(line -> "  - " + line + "\n").collect(joining());
    String count = expected.length + (expected.length == 1 ? " problem" : " problems");
    assertTrue(
        e.getMessage().startsWith("Configuration in " + dir + " has " + count + ":\n" + lines),
        e.getMessage());
  }

  @Test
  void reviewNotesAreReadPerPeriodCheckedCellByCellAndLeftOutOfTheHash() throws IOException {
    writeProgramPartnerAndFeed(
        NPS_PROGRAM,
        "{entity: survey_response, partners: [B-1], timezone: UTC,"
            + " columns: {partner_id: p, response_id: r, responded_at: t, nps: n}}");
    String hash = new ConfigLoader().load(dir).hash();
    write(
        "review_notes/2026-Q3.csv",
        "partner_id,metric,commitment,action,owner,due\n"
            + "B-1,nps,\"NPS above 30, every month\",,,\n"
            + "B-1,,,Call back every detractor,A. Kim,2026-10-31\n");
    PcxConfig config = new ConfigLoader().load(dir);
    assertEquals(hash, config.hash(), "notes are written after scoring and change no figure");
    List<ReviewNote> notes = config.reviewNotes("B-1", "2026-Q3");
    assertEquals(2, notes.size());
    assertEquals(Optional.of(MetricId.NPS), notes.get(0).metric());
    assertEquals("NPS above 30, every month", notes.get(0).commitment());
    assertEquals("Call back every detractor", notes.get(1).action());
    assertEquals("A. Kim", notes.get(1).owner());
    assertEquals(Optional.of(LocalDate.of(2026, 10, 31)), notes.get(1).due());
    assertTrue(config.reviewNotes("B-1", "2026-Q2").isEmpty());

    write(
        "review_notes/2026-Q2.csv",
        "partner_id,metric,commitment,action,owner,due\n" + "X-9,speed,,,,31.10.2026\n");
    write("review_notes/next quarter.csv", "partner_id\nB-1\n");
    assertProblems(
        "review_notes/2026-Q2.csv [row 2, column partner_id]: unknown partner 'X-9'; expected an id of partners.csv",
        "review_notes/2026-Q2.csv [row 2, column metric]: unknown metric 'speed'; expected one of "
            + Arrays.stream(MetricId.values()).map(MetricId::id).toList(),
        "review_notes/2026-Q2.csv [row 2, column commitment]: both commitment and action are empty; expected one of them",
        "review_notes/2026-Q2.csv [row 2, column due]: expected a date yyyy-mm-dd, found '31.10.2026'",
        "review_notes/next quarter.csv: expected a file named after its period, such as 2026-Q3.csv or 2026-09.csv");
  }

  @Test
  void aMissingFolderSaysWhatToPass() {
    PcxException e =
        assertThrows(PcxException.class, () -> new ConfigLoader().load(dir.resolve("nope")));
    assertTrue(e.getMessage().contains("does not exist. Pass --config DIR"), e.getMessage());
  }

  @Test
  void missingFilesAreEachReported() {
    PcxException e = assertThrows(PcxException.class, () -> new ConfigLoader().load(dir));
    assertTrue(e.getMessage().contains("  - programs.yaml: file missing\n"), e.getMessage());
    assertTrue(
        e.getMessage().contains("  - partners.csv: file missing; expected a CSV with columns"),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("  - feeds/: folder missing; expected one <feed_id>.yaml per feed"),
        e.getMessage());
  }
}
