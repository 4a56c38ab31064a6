package com.partnercx.publish;

import com.partnercx.config.Direction;
import com.partnercx.config.Feed;
import com.partnercx.config.IntegrityRules;
import com.partnercx.config.MetricId;
import com.partnercx.config.Partner;
import com.partnercx.config.PcxConfig;
import com.partnercx.config.Program;
import com.partnercx.config.ReviewNote;
import com.partnercx.config.Tier;
import com.partnercx.reports.CategoryShare;
import com.partnercx.reports.MetricLine;
import com.partnercx.reports.PartnerScorecard;
import com.partnercx.reports.PeerStanding;
import com.partnercx.reports.PeriodValue;
import com.partnercx.reports.PortfolioReport;
import com.partnercx.reports.PortfolioReport.FeedCoverage;
import com.partnercx.reports.PortfolioReport.PartnerRanking;
import com.partnercx.reports.Provenance;
import com.partnercx.reports.ReviewText;
import com.partnercx.reports.ScorecardFormat;
import com.partnercx.reports.TierPath;
import com.partnercx.schema.Period;
import com.partnercx.tables.Appeal;
import com.partnercx.tables.BenchmarkTable;
import com.partnercx.tables.BenchmarkTable.PeerStats;
import com.partnercx.tables.IntegrityFlagsTable;
import com.partnercx.tables.MetricResult;
import com.partnercx.tables.NextTier;
import com.partnercx.tables.Scorecard;
import com.partnercx.tables.ScorecardTable;
import com.partnercx.tables.StoredScorecard;
import com.partnercx.tables.Tables;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns the collected report inputs into the plain records the renderers print. Plain Java over
 * driver-side rows: every figure on a PDF is either a stored value or computed here.
 */
final class ReportAssembly {
  static final int RANKING_SIZE = 10;
  static final int TOP_CATEGORIES = 5;

  private final ReportInputs inputs;
  private final PcxConfig config;
  private final Period period;
  private final Instant generatedAt;
  private final Map<String, List<Feed>> feedsOfPartner = new HashMap<>();

  ReportAssembly(ReportInputs inputs, PcxConfig config, Period period, Instant generatedAt) {
    this.inputs = inputs;
    this.config = config;
    this.period = period;
    this.generatedAt = generatedAt;
    for (Feed feed : config.feeds().values()) {
      feed.partners()
          .forEach(p -> feedsOfPartner.computeIfAbsent(p, k -> new ArrayList<>()).add(feed));
    }
  }

  /** The partner's scorecard record, for either audience (the renderer decides what to show). */
  PartnerScorecard scorecard(String partnerId) {
    StoredScorecard stored = inputs.scorecards().get(partnerId);
    Scorecard card = stored.scorecard();
    Partner partner = partner(partnerId);
    String programId = card.programId();
    Program program = config.program(programId);
    Map<String, PeerStats> benchmarks = inputs.benchmarks().getOrDefault(programId, Map.of());
    StoredScorecard before = inputs.previous().get(partnerId);
    List<MetricLine> metrics = new ArrayList<>();
    for (MetricResult m : card.metrics()) {
      MetricId id = MetricId.byId(m.metricId()).orElseThrow();
      MetricResult earlier = before == null ? null : Trend.metric(before.scorecard(), id);
      Double previousValue = earlier == null ? null : earlier.value();
      metrics.add(
          new MetricLine(
              id.id(),
              MetricPresentation.label(id),
              MetricPresentation.unit(id),
              m.value(),
              m.adjusted(),
              m.n(),
              m.ciLow(),
              m.ciHigh(),
              m.floor(),
              m.target(),
              m.weight(),
              m.score(),
              m.sufficient(),
              program.metric(id).map(com.partnercx.config.MetricSpec::minSample).orElse(0),
              MetricPresentation.sampleNoun(id),
              median(benchmarks.get(id.id())),
              previousValue,
              m.value() == null || previousValue == null ? null : m.value() - previousValue,
              Trend.significant(id, m, earlier)));
    }
    PeerStats composite = benchmarks.get(BenchmarkTable.COMPOSITE);
    PeerStanding peers =
        new PeerStanding(
            inputs.peers().ranked(card),
            composite == null || composite.suppressed(),
            composite == null ? null : composite.p25(),
            median(composite),
            composite == null ? null : composite.p75(),
            inputs.peers().compositePercentile(card),
            inputs.peers().rank(card));
    Map<String, Double> history = inputs.composites().getOrDefault(partnerId, Map.of());
    List<PeriodValue> trend =
        inputs.trendPeriods().stream()
            .filter(p -> p.equals(period) || history.containsKey(p.label()))
            .map(p -> new PeriodValue(p.label(), history.get(p.label())))
            .toList();
    Map<String, Long> categories = inputs.complaints().getOrDefault(partnerId, Map.of());
    long complaints = categories.values().stream().mapToLong(Long::longValue).sum();
    DataNotes notes = dataNotes(partnerId, stored);
    return new PartnerScorecard(
        partnerId,
        partner.name(),
        program.name(),
        partner.region(),
        period.label(),
        period.start() + " to " + period.end().minusDays(1),
        period.previous().label(),
        stored.version(),
        stored.supersedes(),
        card.tier(),
        card.composite(),
        before == null ? null : before.scorecard().composite(),
        before == null ? null : before.scorecard().tier(),
        before == null ? null : tierStep(program, before.scorecard().tier(), card.tier()),
        before == null ? null : before.scorecard().payout(),
        card.currency(),
        card.baseIncentive(),
        card.payout(),
        metrics,
        program.metrics().stream()
            .map(
                spec ->
                    MetricPresentation.label(spec.metric())
                        + ": "
                        + MetricPresentation.definition(spec.metric(), program))
            .toList(),
        card.explanation(),
        peers,
        trend,
        complaints,
        topCategories(categories, complaints),
        inputs.comments().getOrDefault(partnerId, List.of()),
        program.commentsInPartnerEdition(),
        actionPlan(partnerId, card, before),
        notes.internal(),
        notes.partner(),
        provenance(stored),
        tierPath(program, card));
  }

  /**
   * The review's action plan from the notes files: what was agreed for this period, then what the
   * partner committed to last period with the metric's figure then and now.
   */
  List<String> actionPlan(String partnerId, Scorecard card, StoredScorecard before) {
    List<String> lines = new ArrayList<>();
    List<ReviewNote> now = config.reviewNotes(partnerId, period.label());
    if (!now.isEmpty()) {
      lines.add("Agreed for " + period.label() + ":");
      for (ReviewNote note : now) {
        if (!note.commitment().isEmpty()) {
          lines.add("\u2022 Commitment: " + note.commitment() + metricNow(note, card));
        }
        if (!note.action().isEmpty()) {
          lines.add(
              "\u2022 Action: "
                  + note.action()
                  + (note.owner().isEmpty() ? "" : " \u00b7 owner " + note.owner())
                  + note.due().map(d -> " \u00b7 due " + d).orElse(""));
        }
      }
    }
    String previous = period.previous().label();
    List<ReviewNote> earlier =
        config.reviewNotes(partnerId, previous).stream()
            .filter(n -> !n.commitment().isEmpty())
            .toList();
    if (!earlier.isEmpty()) {
      lines.add("Committed in " + previous + ", against this period's figures:");
      for (ReviewNote note : earlier) {
        String figures =
            note.metric()
                .map(
                    id -> {
                      MetricResult then =
                          before == null ? null : Trend.metric(before.scorecard(), id);
                      MetricResult current = Trend.metric(card, id);
                      return " \u00b7 "
                          + MetricPresentation.label(id)
                          + " "
                          + ScorecardFormat.value(
                              MetricPresentation.unit(id), then == null ? null : then.value())
                          + " \u2192 "
                          + ScorecardFormat.value(
                              MetricPresentation.unit(id),
                              current == null ? null : current.value());
                    })
                .orElse("");
        lines.add("\u2022 " + note.commitment() + figures);
      }
    }
    return lines;
  }

  private static String metricNow(ReviewNote note, Scorecard card) {
    return note.metric()
        .map(
            id -> {
              MetricResult m = Trend.metric(card, id);
              return " \u00b7 "
                  + MetricPresentation.label(id)
                  + " now "
                  + ScorecardFormat.value(
                      MetricPresentation.unit(id), m == null ? null : m.value());
            })
        .orElse("");
  }

  /**
   * The stored way to the next tier, in print terms; for a version stored before it was worked out,
   * the next tier without steps; null on the top tier and without a tier.
   */
  static TierPath tierPath(Program program, Scorecard card) {
    NextTier next = card.nextTier();
    if (next == null) {
      int at = program.tiers().stream().map(Tier::name).toList().indexOf(card.tier());
      if (at <= 0) {
        return null;
      }
      Tier above = program.tiers().get(at - 1);
      BigDecimal payout =
          card.baseIncentive()
              .multiply(BigDecimal.valueOf(above.payoutPercent()))
              .divide(BigDecimal.valueOf(100), 2, java.math.RoundingMode.HALF_UP);
      return new TierPath(above.name(), above.minComposite(), payout, List.of());
    }
    List<TierPath.Step> steps = new ArrayList<>();
    for (NextTier.Step step : next.steps()) {
      MetricId id = MetricId.byId(step.metricId()).orElseThrow();
      steps.add(
          new TierPath.Step(
              MetricPresentation.label(id),
              MetricPresentation.unit(id),
              program.metric(id).map(m -> m.direction() == Direction.HIGHER_IS_BETTER).orElse(true),
              TierPath.Outcome.valueOf(step.outcome().name()),
              step.valueFrom(),
              step.valueTo(),
              step.countFrom(),
              step.countTo(),
              step.n(),
              MetricPresentation.eventNoun(id),
              MetricPresentation.sampleNoun(id),
              step.tier(),
              step.payout(),
              step.blockedBy() == null
                  ? null
                  : MetricId.byId(step.blockedBy())
                      .map(MetricPresentation::label)
                      .orElse(step.blockedBy())));
    }
    return new TierPath(next.tier(), next.minComposite(), next.payout(), steps);
  }

  /**
   * Tiers moved on the program's ladder from {@code was} to {@code now} (positive: up), or null
   * when either is not on it (insufficient data).
   */
  static Integer tierStep(Program program, String was, String now) {
    List<String> ladder = program.tiers().stream().map(com.partnercx.config.Tier::name).toList();
    int from = ladder.indexOf(was);
    int to = ladder.indexOf(now);
    return from < 0 || to < 0 ? null : from - to;
  }

  static List<CategoryShare> topCategories(Map<String, Long> categories, long total) {
    return categories.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(TOP_CATEGORIES)
        .map(e -> new CategoryShare(e.getKey(), e.getValue(), (double) e.getValue() / total))
        .toList();
  }

  /**
   * The data notes of a scorecard, each in the words of both editions.
   *
   * @param internal for the brand's staff: feed ids, table terms
   * @param partner for the partner: what its data is, records we could not use, and how to question
   *     a figure
   */
  record DataNotes(List<String> internal, List<String> partner) {
    void add(String both) {
      add(both, both);
    }

    void add(String internalNote, String partnerNote) {
      internal.add(internalNote);
      partner.add(partnerNote);
    }
  }

  /**
   * A line of a restatement in the partner's words: which of the brand's tables were read at other
   * versions means nothing to a partner, only that the data or the rules changed.
   */
  static String restatementForPartner(String line) {
    if (line.startsWith("inputs changed: ")) {
      return "the records behind it changed (late, corrected or appealed records)";
    }
    if (line.equals("configuration changed")) {
      return "the program's rules changed";
    }
    return line;
  }

  /** A decided appeal in one sentence: what it asked, the decision, by whom, when and why. */
  static String appealNote(Appeal a) {
    int n = a.items().size();
    return "Appeal "
        + a.id()
        + " against "
        + a.metric()
        + " ("
        + n
        + (n == 1 ? " record" : " records")
        + ", reason "
        + a.reason()
        + ") "
        + a.decision()
        + " by "
        + a.decidedBy()
        + " on "
        + a.decidedAt().toString().substring(0, 10)
        + ": "
        + a.note()
        + (a.accepted() ? " The records are left out of " + a.metric() + "." : "");
  }

  /** A survey-integrity flag for the brand's staff: what was found and what it does. */
  static String integrityNote(IntegrityFlagsTable.Flag flag) {
    return "Survey integrity flag "
        + flag.flag()
        + ": "
        + flag.detail()
        + "."
        + (flag.action().equals(IntegrityRules.Action.EXCLUDE_FLAGGED.word())
            ? " The program leaves the survey metrics of a flagged partner out of its composite"
                + " (integrity_action: exclude_flagged)."
            : " For review; the scorecard is unchanged (integrity_action: flag).");
  }

  DataNotes dataNotes(String partnerId, StoredScorecard stored) {
    DataNotes notes = new DataNotes(new ArrayList<>(), new ArrayList<>());
    Integer supersedes = stored.supersedes();
    if (supersedes != null) {
      String restated =
          "Restated: version "
              + stored.version()
              + " replaces version "
              + supersedes
              + " because its figures changed";
      List<String> forPartner =
          stored.restatement().stream().map(ReportAssembly::restatementForPartner).toList();
      notes.add(
          restated
              + (stored.restatement().isEmpty()
                  ? "."
                  : ": " + String.join("; ", stored.restatement()) + "."),
          restated + (forPartner.isEmpty() ? "." : ": " + String.join("; ", forPartner) + "."));
    }
    for (Appeal appeal : inputs.appeals().getOrDefault(partnerId, List.of())) {
      notes.add(appealNote(appeal));
    }
    for (IntegrityFlagsTable.Flag flag : inputs.integrity().getOrDefault(partnerId, List.of())) {
      notes.internal().add(integrityNote(flag));
    }
    if (inputs.closedAt() != null) {
      notes.add(
          "Period closed on "
              + inputs.closedAt().toString().substring(0, 10)
              + ": peer figures and the sample-size adjustment are those frozen at close.");
    }
    StoredScorecard before = inputs.previous().get(partnerId);
    if (before == null) {
      notes.add("No scorecard was published for " + period.previous().label() + ".");
    } else {
      Scorecard was = before.scorecard();
      notes.add(
          period.previous().label()
              + " as published (version "
              + before.version()
              + "): tier "
              + was.tier().replace('_', ' ')
              + (was.composite() == null
                  ? ""
                  : ", composite " + ScorecardFormat.score(was.composite()))
              + (was.payout() == null
                  ? ", no payout"
                  : ", payout " + ScorecardFormat.money(was.payout()) + " " + was.currency())
              + (was.tier().equals(stored.scorecard().tier())
                  ? "."
                  : "; tier now " + stored.scorecard().tier().replace('_', ' ') + "."));
    }
    if (stored.scorecard().gateOverridden()) {
      notes.add(
          "Scored although a delivery of the period failed the data-quality gate"
              + " (--allow-failed-gate).",
          "Scored although some of the period's data did not pass our quality checks.");
    }
    boolean anything = false;
    for (Feed feed : feedsOfPartner.getOrDefault(partnerId, List.of())) {
      FeedCoverage f = inputs.feeds().get(feed.id());
      if (f == null) {
        continue;
      }
      List<String> deliveries = new ArrayList<>();
      if (f.missing() > 0) {
        deliveries.add(f.missing() + " of " + f.due() + " deliveries missing");
      }
      if (f.late() > 0) {
        deliveries.add(f.late() + " late");
      }
      if (f.rejected() > 0) {
        deliveries.add(f.rejected() + " rejected");
      }
      // The partner's own rows, not the feed's: a feed may carry hundreds of partners.
      ReportInputs.RowCounts mine =
          inputs
              .partnerRows()
              .getOrDefault(partnerId, Map.of())
              .getOrDefault(feed.id(), ReportInputs.RowCounts.NONE);
      List<String> internal = new ArrayList<>(deliveries);
      List<String> partner = new ArrayList<>(deliveries);
      if (mine.quarantined() > 0) {
        String share =
            ScorecardFormat.count(mine.quarantined())
                + " of "
                + ScorecardFormat.count(mine.delivered());
        internal.add(share + " of this partner's rows of the period quarantined");
        partner.add(share + " of your records of the period could not be used");
      }
      if (!internal.isEmpty()) {
        anything = true;
        notes.add(
            "Feed " + feed.id() + ": " + String.join(", ", internal) + ".",
            dataLabel(feed.entity()) + ": " + String.join(", ", partner) + ".");
      }
    }
    if (!anything) {
      notes.add(
          "No late, missing or rejected deliveries and no quarantined rows on this partner's"
              + " feeds in the period.",
          "No late, missing or rejected deliveries and no records we could not use in the"
              + " period.");
    }
    notes
        .partner()
        .add(
            "To question a figure, write to your partner manager quoting the run and configuration"
                + " in the footer: every figure can be recomputed from them.");
    return notes;
  }

  /** What a feed of this entity carries, in the partner's words. */
  static String dataLabel(com.partnercx.schema.Entity entity) {
    return switch (entity) {
      case SERVICE_EVENT -> "Orders and jobs";
      case SURVEY_RESPONSE -> "Customer surveys";
      case COMPLAINT -> "Complaints";
      case SOCIAL_MENTION -> "Social mentions";
      case DIGITAL_SESSION -> "Online sessions";
      case HANDOFF -> "Hand-offs";
    };
  }

  /** The executive portfolio report over every partner of the period. */
  PortfolioReport portfolio() {
    List<StoredScorecard> stored = List.copyOf(inputs.scorecards().values());
    List<Scorecard> rows = stored.stream().map(StoredScorecard::scorecard).toList();
    List<PeriodValue> trend =
        inputs.trendPeriods().stream()
            .map(p -> new PeriodValue(p.label(), brandIndex(p.label())))
            .filter(v -> v.value() != null || v.period().equals(period.label()))
            .toList();
    List<PortfolioReport.ProgramTier> tiers = new ArrayList<>();
    List<PortfolioReport.ProgramPayout> payouts = new ArrayList<>();
    List<PortfolioReport.RegionMedian> regions = new ArrayList<>();
    for (Program program : config.programs().values()) {
      List<Scorecard> mine = rows.stream().filter(r -> program.id().equals(r.programId())).toList();
      if (mine.isEmpty()) {
        continue;
      }
      Map<String, Integer> counts = new LinkedHashMap<>();
      program.tiers().stream()
          .sorted(Comparator.comparingDouble(Tier::minComposite).reversed())
          .forEach(t -> counts.put(t.name(), 0));
      counts.put(ScorecardTable.TIER_INSUFFICIENT_DATA, 0);
      mine.forEach(r -> counts.merge(r.tier(), 1, Integer::sum));
      counts.forEach(
          (tier, n) -> tiers.add(new PortfolioReport.ProgramTier(program.name(), tier, n)));
      BigDecimal total =
          mine.stream()
              .map(Scorecard::payout)
              .filter(Objects::nonNull)
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      int paid =
          (int)
              mine.stream().map(Scorecard::payout).filter(p -> p != null && p.signum() > 0).count();
      List<BigDecimal> before =
          inputs.previous().values().stream()
              .map(StoredScorecard::scorecard)
              .filter(s -> program.id().equals(s.programId()))
              .map(s -> orZero(s.payout()))
              .toList();
      payouts.add(
          new PortfolioReport.ProgramPayout(
              program.name(),
              mine.size(),
              paid,
              total,
              program.currency(),
              before.isEmpty() ? null : before.stream().reduce(BigDecimal.ZERO, BigDecimal::add)));
      Map<String, List<Double>> byRegion = new TreeMap<>();
      for (Scorecard r : mine) {
        List<Double> composites =
            byRegion.computeIfAbsent(partner(r.partnerId()).region(), k -> new ArrayList<>());
        Double c = r.composite();
        if (c != null) {
          composites.add(c);
        }
      }
      byRegion.forEach(
          (region, values) ->
              regions.add(
                  new PortfolioReport.RegionMedian(
                      program.name(), region, values.size(), median(values))));
    }
    List<PartnerRanking> ranked =
        rows.stream()
            .filter(r -> r.composite() != null)
            .map(this::ranking)
            .sorted(
                Comparator.comparing(PartnerRanking::composite)
                    .reversed()
                    .thenComparing(PartnerRanking::partnerId))
            .toList();
    List<PartnerRanking> bottom =
        ranked.stream()
            .sorted(
                Comparator.comparing(PartnerRanking::composite)
                    .thenComparing(PartnerRanking::partnerId))
            .limit(RANKING_SIZE)
            .toList();
    List<PartnerRanking> insufficient =
        rows.stream().filter(r -> r.composite() == null).map(this::ranking).toList();
    List<PortfolioReport.TierMove> movers = new ArrayList<>();
    for (Scorecard now : rows) {
      StoredScorecard before = inputs.previous().get(now.partnerId());
      if (before == null || before.scorecard().tier().equals(now.tier())) {
        continue;
      }
      Scorecard was = before.scorecard();
      Integer step = tierStep(config.program(now.programId()), was.tier(), now.tier());
      movers.add(
          new PortfolioReport.TierMove(
              now.partnerId(),
              partner(now.partnerId()).name(),
              config.program(now.programId()).name(),
              was.tier(),
              now.tier(),
              step != null ? step > 0 : was.tier().equals(ScorecardTable.TIER_INSUFFICIENT_DATA),
              orZero(now.payout()).subtract(orZero(was.payout())),
              now.currency()));
    }
    movers.sort(
        Comparator.comparing(PortfolioReport.TierMove::up)
            .reversed()
            .thenComparing(PortfolioReport.TierMove::partnerId));
    List<FeedCoverage> feeds =
        config.feeds().keySet().stream()
            .sorted()
            .map(id -> inputs.feeds().getOrDefault(id, new FeedCoverage(id, 0, 0, 0, 0, 0, 0, 0)))
            .toList();
    Double index = brandIndex(period.label());
    Double previous = brandIndex(period.previous().label());
    StoredScorecard any = stored.get(0);
    return new PortfolioReport(
        period.label(),
        period.previous().label(),
        index,
        previous,
        ranked.size(),
        rows.size(),
        trend,
        tiers,
        ranked.stream().limit(RANKING_SIZE).toList(),
        bottom,
        movers,
        regions,
        payouts,
        insufficient,
        feeds,
        integrityFlags(),
        new Provenance(any.runId(), any.configHash(), versions(Map.of()), generatedAt));
  }

  /** The period's survey-integrity flags of the partners with a scorecard, by partner. */
  private List<PortfolioReport.IntegrityFlag> integrityFlags() {
    List<PortfolioReport.IntegrityFlag> out = new ArrayList<>();
    inputs
        .integrity()
        .forEach(
            (partnerId, flags) -> {
              if (!inputs.scorecards().containsKey(partnerId)) {
                return;
              }
              for (IntegrityFlagsTable.Flag f : flags) {
                out.add(
                    new PortfolioReport.IntegrityFlag(
                        partnerId,
                        partner(partnerId).name(),
                        config.program(f.programId()).name(),
                        f.flag(),
                        f.detail(),
                        f.action().equals(IntegrityRules.Action.EXCLUDE_FLAGGED.word())));
              }
            });
    return out;
  }

  /** The brand CX index of a period: the mean composite of the partners with one. */
  Double brandIndex(String label) {
    double sum = 0;
    int n = 0;
    for (Map<String, Double> history : inputs.composites().values()) {
      Double c = history.get(label);
      if (c != null) {
        sum += c;
        n++;
      }
    }
    return n == 0 ? null : sum / n;
  }

  /** The median of the values, as gold/benchmark computes it; null when empty. */
  static Double median(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    return BenchmarkTable.quantile(
        values.stream().mapToDouble(Double::doubleValue).sorted().toArray(), 0.5);
  }

  private static BigDecimal orZero(BigDecimal amount) {
    return amount == null ? BigDecimal.ZERO : amount;
  }

  private PartnerRanking ranking(Scorecard r) {
    Partner partner = partner(r.partnerId());
    return new PartnerRanking(
        r.partnerId(),
        partner.name(),
        config.program(r.programId()).name(),
        partner.region(),
        r.composite(),
        r.tier(),
        weakest(r),
        r.cappedBy() == null
            ? null
            : MetricId.byId(r.cappedBy()).map(MetricPresentation::label).orElse(r.cappedBy()));
  }

  static final int WEAKEST = 3;

  /**
   * The metrics leaving the most composite points open (share of the weight with data x (100 -
   * score)), largest first: "CSAT (top-2-box) 6.7 · Net Promoter Score 6.6".
   */
  static String weakest(Scorecard card) {
    double weight =
        card.metrics().stream()
            .filter(MetricResult::sufficient)
            .mapToDouble(MetricResult::weight)
            .sum();
    if (card.composite() == null || weight <= 0) {
      return "";
    }
    return card.metrics().stream()
        .filter(m -> m.sufficient() && m.score() != null && m.score() < 100)
        .sorted(
            Comparator.comparingDouble(
                    (MetricResult m) -> ReviewText.pointsOpen(m.weight(), weight, m.score()))
                .reversed()
                .thenComparing(MetricResult::metricId))
        .limit(WEAKEST)
        .map(
            m ->
                MetricId.byId(m.metricId()).map(MetricPresentation::label).orElse(m.metricId())
                    + " "
                    + ScorecardFormat.score(ReviewText.pointsOpen(m.weight(), weight, m.score())))
        .collect(Collectors.joining(" \u00b7 "));
  }

  private static Double median(PeerStats benchmark) {
    return benchmark == null ? null : benchmark.shownMedian();
  }

  /** The partner's master data for the period (silver/partner, else partners.csv). */
  private Partner partner(String partnerId) {
    Partner partner = inputs.partners().get(partnerId);
    if (partner == null) {
      throw new IllegalStateException("Partner " + partnerId + " is not in partners.csv");
    }
    return partner;
  }

  private Provenance provenance(StoredScorecard stored) {
    return new Provenance(
        stored.runId(), stored.configHash(), versions(stored.sourceVersions()), generatedAt);
  }

  private String versions(Map<String, Long> sources) {
    Map<String, Long> all = new TreeMap<>(sources);
    all.put(Tables.SCORECARD, inputs.scorecardVersion());
    all.putAll(inputs.readVersions());
    return all.entrySet().stream()
        .map(e -> e.getKey() + "@" + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
