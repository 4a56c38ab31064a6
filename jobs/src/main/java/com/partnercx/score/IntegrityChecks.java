package com.partnercx.score;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import com.partnercx.config.IntegrityRules;
import com.partnercx.config.MetricId;
import com.partnercx.config.PcxConfig;
import com.partnercx.config.Program;
import com.partnercx.schema.Entity;
import com.partnercx.schema.Period;
import com.partnercx.schema.ServiceEventColumns;
import com.partnercx.schema.SurveyResponseColumns;
import com.partnercx.tables.BenchmarkTable.PeerStats;
import com.partnercx.tables.IntegrityFlagsTable;
import com.partnercx.tables.IntegrityFlagsTable.Flag;
import com.partnercx.tables.PartnerDailyTable;
import com.partnercx.tables.PeriodCounts;
import com.partnercx.tables.Tables;
import com.partnercx.warehouse.Warehouse;
import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Survey-integrity flags per partner and period: what a partner's surveys say about how they were
 * collected (top scores far above the program's, a few customers answering most surveys, surveys
 * arriving in bursts, a response rate that collapsed, CSAT that contradicts the complaints,
 * comments asking for scores). Spark measures a few figures per partner from silver; the decisions
 * are pure Java over those figures, so every rule is unit-testable with figures worked out by hand.
 */
public final class IntegrityChecks {
  /** One-sided 95% critical value of the standard normal distribution. */
  static final double Z_ONE_SIDED_95 = 1.6448536269514722;

  /**
   * One-sided 99% critical value: the tests a program does not fix at 95% ask for more, so that
   * among many partners a chance fall or excess of complaints rarely raises a flag.
   */
  static final double Z_ONE_SIDED_99 = 2.3263478740408408;

  /** The fewest partners with figures a program needs before its quartiles are used. */
  static final int MIN_PARTNERS_FOR_QUARTILES = 4;

  private static final String DAY = "_day";
  private static final String IN_PERIOD = "_in_period";

  private IntegrityChecks() {}

  /**
   * What the survey rows of a period say about one partner.
   *
   * @param partnerId the partner
   * @param programId its program (on the last day it answered surveys)
   * @param responses survey responses of the period
   * @param topScores responses with the top score: NPS 10 when the response has an NPS, else CSAT
   *     5, else CES 1
   * @param keyedResponses responses whose service event (same partner, event_id) has a customer key
   * @param topCustomerResponses keyed responses of the program's {@code concentration_top} most
   *     frequent customer keys
   * @param burstResponses responses in runs of at least {@code burst_min_responses}, each within
   *     {@code burst_seconds} of the partner's previous response
   * @param phraseComments comments holding one of the program's phrases
   * @param phrasesFound the phrases found, in the program's order
   * @param previousResponses survey responses of the previous period
   */
  public record SurveyFigures(
      String partnerId,
      String programId,
      long responses,
      long topScores,
      long keyedResponses,
      long topCustomerResponses,
      long burstResponses,
      long phraseComments,
      List<String> phrasesFound,
      long previousResponses) {
    public SurveyFigures {
      phrasesFound = List.copyOf(phrasesFound);
    }
  }

  /**
   * A period scored with its survey-integrity flags.
   *
   * @param computed the scorecards, peer figures and priors
   * @param flags the period's flags
   * @param seconds the time the flags took (measuring and deciding)
   */
  record Scored(PeriodScoring.Computed computed, List<Flag> flags, double seconds) {}

  /**
   * Scores the period ({@code scoring}: partner -> flags the scoring leaves survey metrics out
   * for), decides the flags against its peer figures, and where a program leaves flagged partners'
   * survey metrics out ({@code exclude_flagged}) scores it again with them. The peer figures the
   * flags rest on are always those of the first scoring, so the outcome is the same however often
   * it is recomputed.
   */
  static Scored score(
      PcxConfig config,
      Period period,
      List<PeriodCounts> counts,
      java.util.function.Function<Map<String, List<String>>, PeriodScoring.Computed> scoring,
      java.util.function.Supplier<Map<String, SurveyFigures>> figures,
      java.util.function.Supplier<List<PeriodCounts>> previousCounts) {
    PeriodScoring.Computed first = scoring.apply(Map.of());
    long start = System.nanoTime();
    Map<String, SurveyFigures> measured = figures.get();
    Map<String, PeriodCounts> now = new HashMap<>();
    counts.forEach(c -> now.put(c.partnerId(), c));
    Map<String, PeriodCounts> before = new HashMap<>();
    if (!measured.isEmpty()) {
      previousCounts.get().forEach(c -> before.put(c.partnerId(), c));
    }
    List<Flag> flags = decide(config, period, measured, now, before, first.benchmarks());
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, List<String>> leftOut = new TreeMap<>();
    for (Flag f : flags) {
      Program program = config.programs().get(f.programId());
      if (program != null && program.integrity().excludesFlagged()) {
        leftOut.computeIfAbsent(f.partnerId(), p -> new ArrayList<>()).add(f.flag());
      }
    }
    return new Scored(leftOut.isEmpty() ? first : scoring.apply(leftOut), flags, seconds);
  }

  /** Whether any program leaves flagged partners' survey metrics out of their composite. */
  static boolean anyExcludes(PcxConfig config) {
    return config.programs().values().stream().anyMatch(p -> p.integrity().excludesFlagged());
  }

  /**
   * The flags of the period, from the survey figures, the period's and the previous period's counts
   * (completed events, CSAT answers, complaints: gold/partner_daily summed) and the program's peer
   * figures of the period (their quartiles of csat and complaints_per_1k).
   */
  public static List<Flag> decide(
      PcxConfig config,
      Period period,
      Map<String, SurveyFigures> figures,
      Map<String, PeriodCounts> counts,
      Map<String, PeriodCounts> previousCounts,
      List<PeerStats> benchmarks) {
    List<Flag> flags = new ArrayList<>();
    Map<String, List<SurveyFigures>> byProgram = new TreeMap<>();
    figures.values().stream()
        .filter(f -> config.programs().containsKey(f.programId()))
        .forEach(f -> byProgram.computeIfAbsent(f.programId(), p -> new ArrayList<>()).add(f));
    Map<String, List<PeriodCounts>> countsByProgram = new TreeMap<>();
    counts.values().stream()
        .filter(c -> c.programId() != null && config.programs().containsKey(c.programId()))
        .forEach(
            c -> countsByProgram.computeIfAbsent(c.programId(), p -> new ArrayList<>()).add(c));
    for (Map.Entry<String, List<SurveyFigures>> e : byProgram.entrySet()) {
      Program program = config.program(e.getKey());
      IntegrityRules rules = program.integrity();
      List<SurveyFigures> partners = e.getValue();
      long programTop = partners.stream().mapToLong(SurveyFigures::topScores).sum();
      long programResponses = partners.stream().mapToLong(SurveyFigures::responses).sum();
      for (SurveyFigures f : partners.stream().sorted(byPartner()).toList()) {
        topScoreShare(rules, f, programTop, programResponses).ifPresent(flags::add);
        concentration(rules, f).ifPresent(flags::add);
        bursts(rules, f).ifPresent(flags::add);
        rateDrop(rules, period, f, counts.get(f.partnerId()), previousCounts.get(f.partnerId()))
            .ifPresent(flags::add);
        solicitation(rules, f).ifPresent(flags::add);
      }
    }
    // The contradiction rests on the counts of every partner of the program, surveys or not.
    for (Map.Entry<String, List<PeriodCounts>> e : countsByProgram.entrySet()) {
      Program program = config.program(e.getKey());
      for (PeriodCounts c :
          e.getValue().stream()
              .sorted(java.util.Comparator.comparing(PeriodCounts::partnerId))
              .toList()) {
        contradiction(program, c, e.getValue(), benchmarks).ifPresent(flags::add);
      }
    }
    flags.sort(
        java.util.Comparator.comparing(Flag::partnerId)
            .thenComparingInt(f -> IntegrityFlagsTable.FLAGS.indexOf(f.flag())));
    return flags;
  }

  private static java.util.Comparator<SurveyFigures> byPartner() {
    return java.util.Comparator.comparing(SurveyFigures::partnerId);
  }

  /**
   * Top scores far above the program's: the share of the partner's responses with the top score is
   * at least {@code top_share_margin} above the share of the program's other partners (who need
   * {@code min_responses} responses between them), and a one-sided z test at 95% against that share
   * rejects chance.
   */
  static Optional<Flag> topScoreShare(
      IntegrityRules rules, SurveyFigures f, long programTop, long programResponses) {
    long othersN = programResponses - f.responses();
    if (f.responses() < rules.minResponses() || othersN < rules.minResponses()) {
      return Optional.empty();
    }
    double p0 = (programTop - f.topScores()) / (double) othersN;
    double p = f.topScores() / (double) f.responses();
    if (p - p0 < rules.topShareMargin() || p0 >= 1.0) {
      return Optional.empty();
    }
    double z = zAbove(p, p0, f.responses());
    if (z < Z_ONE_SIDED_95) {
      return Optional.empty();
    }
    return raised(
        f.partnerId(),
        f.programId(),
        IntegrityFlagsTable.TOP_SCORE_SHARE,
        p,
        p0,
        f.responses(),
        rules,
        "top scores in %s of %d responses (%d) against %s for the program's other partners: %s"
            + " points above (margin %s), z = %s >= %.3f",
        percent(p),
        f.responses(),
        f.topScores(),
        percent(p0),
        oneDecimal(100 * (p - p0)),
        oneDecimal(100 * rules.topShareMargin()),
        zText(z),
        Z_ONE_SIDED_95);
  }

  /** A few customer keys answer a large share of the responses that have one. */
  static Optional<Flag> concentration(IntegrityRules rules, SurveyFigures f) {
    if (f.keyedResponses() < rules.minResponses()) {
      return Optional.empty();
    }
    double share = f.topCustomerResponses() / (double) f.keyedResponses();
    if (share < rules.concentrationShare()) {
      return Optional.empty();
    }
    return raised(
        f.partnerId(),
        f.programId(),
        IntegrityFlagsTable.CONCENTRATED_CUSTOMERS,
        share,
        rules.concentrationShare(),
        f.keyedResponses(),
        rules,
        "the %d most frequent customers gave %d of the %d responses with a customer key (%s >="
            + " %s)",
        rules.concentrationTop(),
        f.topCustomerResponses(),
        f.keyedResponses(),
        percent(share),
        percent(rules.concentrationShare()));
  }

  /** Many responses arrived in bursts, each within seconds of the one before. */
  static Optional<Flag> bursts(IntegrityRules rules, SurveyFigures f) {
    if (f.responses() < rules.minResponses()) {
      return Optional.empty();
    }
    double share = f.burstResponses() / (double) f.responses();
    if (share < rules.burstShare()) {
      return Optional.empty();
    }
    return raised(
        f.partnerId(),
        f.programId(),
        IntegrityFlagsTable.RESPONSE_BURSTS,
        share,
        rules.burstShare(),
        f.responses(),
        rules,
        "%d of %d responses (%s) came in bursts of %d or more, each within %d s of the one before"
            + " (flagged from %s)",
        f.burstResponses(),
        f.responses(),
        percent(share),
        rules.burstMinResponses(),
        rules.burstSeconds(),
        percent(rules.burstShare()));
  }

  /**
   * Responses per completed event fell by at least {@code response_drop} against the previous
   * period, and a one-sided two-proportion z test at 99% rejects chance.
   */
  static Optional<Flag> rateDrop(
      IntegrityRules rules, Period period, SurveyFigures f, PeriodCounts now, PeriodCounts before) {
    if (f.previousResponses() < rules.minResponses() || now == null || before == null) {
      return Optional.empty();
    }
    long completedNow = now.count(PartnerDailyTable.COMPLETED);
    long completedBefore = before.count(PartnerDailyTable.COMPLETED);
    if (completedNow <= 0 || completedBefore <= 0) {
      return Optional.empty();
    }
    long x1 = Math.min(f.previousResponses(), completedBefore);
    long x2 = Math.min(f.responses(), completedNow);
    double r1 = x1 / (double) completedBefore;
    double r2 = x2 / (double) completedNow;
    if (r2 > r1 * (1 - rules.responseDrop())) {
      return Optional.empty();
    }
    double pooled = (x1 + x2) / (double) (completedBefore + completedNow);
    double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / completedBefore + 1.0 / completedNow));
    double z = se == 0 ? 0 : (r1 - r2) / se;
    if (z < Z_ONE_SIDED_99) {
      return Optional.empty();
    }
    return raised(
        f.partnerId(),
        f.programId(),
        IntegrityFlagsTable.RESPONSE_RATE_DROP,
        r2,
        r1,
        completedNow,
        rules,
        "%s responses per completed event (%d of %d) against %s (%d of %d) in %s: down %s"
            + " (flagged from %s), z = %s >= %.3f",
        percent(r2),
        x2,
        completedNow,
        percent(r1),
        x1,
        completedBefore,
        period.previous().label(),
        percent(1 - r2 / r1),
        percent(rules.responseDrop()),
        zText(z),
        Z_ONE_SIDED_99);
  }

  /** Comments that hold a phrase asking for scores. */
  static Optional<Flag> solicitation(IntegrityRules rules, SurveyFigures f) {
    if (rules.phrases().isEmpty() || f.phraseComments() < rules.phraseMinComments()) {
      return Optional.empty();
    }
    return raised(
        f.partnerId(),
        f.programId(),
        IntegrityFlagsTable.SCORE_SOLICITATION,
        f.phraseComments(),
        rules.phraseMinComments(),
        f.responses(),
        rules,
        "%d of %d responses have a comment asking for a score (%s; flagged from %d)",
        f.phraseComments(),
        f.responses(),
        String.join(", ", f.phrasesFound().stream().map(p -> "\"" + p + "\"").toList()),
        rules.phraseMinComments());
  }

  /**
   * CSAT top-2-box in the program's top quartile with complaints per 1,000 completed events in its
   * worst quartile, the complaint rate also significantly (one-sided z test at 99%) above the
   * program's other partners'. The quartiles are the period's peer figures where the program scores
   * both metrics and they are shown; otherwise those of the partners with CSAT answers and
   * completed events, when at least {@link #MIN_PARTNERS_FOR_QUARTILES} have them.
   */
  static Optional<Flag> contradiction(
      Program program, PeriodCounts c, List<PeriodCounts> programCounts, List<PeerStats> peers) {
    IntegrityRules rules = program.integrity();
    long csatN = c.count(PartnerDailyTable.CSAT_N);
    long completed = c.count(PartnerDailyTable.COMPLETED);
    if (csatN < rules.minResponses() || completed <= 0) {
      return Optional.empty();
    }
    List<PeriodCounts> withFigures =
        programCounts.stream()
            .filter(
                p ->
                    p.count(PartnerDailyTable.CSAT_N) > 0
                        && p.count(PartnerDailyTable.COMPLETED) > 0)
            .toList();
    Double csatP75 = peerP75(program, MetricId.CSAT, peers);
    Double complaintsP75 = peerP75(program, MetricId.COMPLAINTS_PER_1K, peers);
    if (csatP75 == null || complaintsP75 == null) {
      if (withFigures.size() < MIN_PARTNERS_FOR_QUARTILES) {
        return Optional.empty();
      }
      csatP75 = p75(withFigures, IntegrityChecks::csat);
      complaintsP75 = p75(withFigures, IntegrityChecks::complaintsPer1k);
    }
    double csat = csat(c);
    double perK = complaintsPer1k(c);
    if (csat < csatP75 || perK < complaintsP75) {
      return Optional.empty();
    }
    long othersComplaints =
        programCounts.stream().mapToLong(p -> p.count(PartnerDailyTable.COMPLAINTS)).sum()
            - c.count(PartnerDailyTable.COMPLAINTS);
    long othersCompleted =
        programCounts.stream().mapToLong(p -> p.count(PartnerDailyTable.COMPLETED)).sum()
            - completed;
    if (othersCompleted <= 0) {
      return Optional.empty();
    }
    double p0 = Math.min(1.0, othersComplaints / (double) othersCompleted);
    double p = Math.min(1.0, c.count(PartnerDailyTable.COMPLAINTS) / (double) completed);
    double z = p0 >= 1 ? 0 : zAbove(p, p0, completed);
    if (z < Z_ONE_SIDED_99) {
      return Optional.empty();
    }
    return raised(
        c.partnerId(),
        program.id(),
        IntegrityFlagsTable.CSAT_CONTRADICTS_COMPLAINTS,
        perK,
        complaintsP75,
        completed,
        rules,
        "CSAT top-2-box %s (%d answers; program 75th percentile %s) with %s complaints per 1,000"
            + " completed events (%d of %d; program 75th percentile %s, other partners %s), z = %s"
            + " >= %.3f",
        percent(csat),
        csatN,
        percent(csatP75),
        oneDecimal(perK),
        c.count(PartnerDailyTable.COMPLAINTS),
        completed,
        oneDecimal(complaintsP75),
        oneDecimal(1000 * p0),
        zText(z),
        Z_ONE_SIDED_99);
  }

  /**
   * How far {@code p} lies above {@code p0} in standard errors of a share of {@code n} at {@code
   * p0}; infinite when {@code p0} is 0 and {@code p} is not.
   */
  private static double zAbove(double p, double p0, long n) {
    if (p0 <= 0) {
      return p > 0 ? Double.POSITIVE_INFINITY : 0;
    }
    return (p - p0) / Math.sqrt(p0 * (1 - p0) / n);
  }

  private static String zText(double z) {
    return Double.isInfinite(z) ? "inf" : String.format(Locale.ROOT, "%.2f", z);
  }

  /** A raised flag with its figure in words. */
  private static Optional<Flag> raised(
      String partnerId,
      String programId,
      String flag,
      double value,
      double reference,
      long n,
      IntegrityRules rules,
      String detail,
      Object... args) {
    return Optional.of(
        new Flag(
            partnerId,
            programId,
            flag,
            value,
            reference,
            n,
            String.format(Locale.ROOT, detail, args),
            rules.action().word()));
  }

  private static double csat(PeriodCounts c) {
    long n = c.count(PartnerDailyTable.CSAT_N);
    return n == 0 ? 0 : c.count(PartnerDailyTable.CSAT_TOP2) / (double) n;
  }

  private static double complaintsPer1k(PeriodCounts c) {
    long completed = c.count(PartnerDailyTable.COMPLETED);
    return completed == 0 ? 0 : 1000.0 * c.count(PartnerDailyTable.COMPLAINTS) / completed;
  }

  /** The program's shown 75th percentile of a metric it scores, or null. */
  private static Double peerP75(Program program, MetricId metric, List<PeerStats> peers) {
    if (program.metric(metric).isEmpty()) {
      return null;
    }
    return peers.stream()
        .filter(
            s ->
                s.programId().equals(program.id())
                    && s.metricId().equals(metric.id())
                    && !s.suppressed())
        .map(PeerStats::p75)
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .orElse(null);
  }

  private static double p75(List<PeriodCounts> counts, ToDoubleFunction<PeriodCounts> figure) {
    double[] values = counts.stream().mapToDouble(figure).sorted().toArray();
    return com.partnercx.tables.BenchmarkTable.quantile(values, 0.75);
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }

  private static String oneDecimal(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /**
   * The survey figures of every partner with responses in the period or the previous one, from
   * silver/survey_response (and silver/service_event for customer keys) at {@code versions}. A
   * response belongs to the day of its responded_at in its program's time zone; its customer is the
   * one of the service event it names that was created from the start of the previous period on.
   */
  public static Map<String, SurveyFigures> measure(
      Warehouse warehouse, PcxConfig config, Period period, Map<String, Long> versions) {
    Long surveyVersion = versions.get(Tables.silver(Entity.SURVEY_RESPONSE));
    Map<String, SurveyFigures> out = new HashMap<>();
    if (surveyVersion == null) {
      return out;
    }
    Period previous = period.previous();
    Column at = col(SurveyResponseColumns.RESPONDED_AT);
    Dataset<Row> rows =
        warehouse
            .readVersion(Tables.silver(Entity.SURVEY_RESPONSE), surveyVersion)
            .filter(
                at.geq(lit(Date.valueOf(previous.start().minusDays(1))).cast("timestamp"))
                    .and(at.lt(lit(Date.valueOf(period.end().plusDays(1))).cast("timestamp"))));
    Column localDay = to_date(from_utc_timestamp(at, col(PartnerDimension.TIME_ZONE)));
    Dataset<Row> located =
        PartnerDailyJob.withPartner(
                rows, localDay, PartnerDimension.at(warehouse, config, versions))
            .withColumnRenamed(PartnerDailyTable.DAY, DAY)
            .filter(
                col(DAY)
                    .geq(lit(Date.valueOf(previous.start())))
                    .and(col(DAY).lt(lit(Date.valueOf(period.end())))))
            .withColumn(IN_PERIOD, col(DAY).geq(lit(Date.valueOf(period.start()))));
    Map<String, List<String>> phrases = new TreeMap<>();
    config.programs().forEach((id, p) -> phrases.put(id, p.integrity().phrases()));
    Column program = col(PartnerDimension.PROGRAM_ID);
    Column nps = col(SurveyResponseColumns.NPS);
    Column csat = col(SurveyResponseColumns.CSAT);
    Column ces = col(SurveyResponseColumns.CES);
    Column top =
        when(nps.isNotNull(), nps.equalTo(10))
            .when(csat.isNotNull(), csat.equalTo(5))
            .otherwise(coalesce(ces.equalTo(1), lit(false)));
    Column comment = lower(coalesce(col(SurveyResponseColumns.COMMENT), lit("")));
    Column anyPhrase = lit(false);
    List<Column> perPhrase = new ArrayList<>();
    List<String> phraseList = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : phrases.entrySet()) {
      for (String phrase : e.getValue()) {
        Column hit =
            program.equalTo(e.getKey()).and(comment.contains(phrase.toLowerCase(Locale.ROOT)));
        anyPhrase = anyPhrase.or(hit);
        perPhrase.add(hit);
        phraseList.add(e.getKey() + "\u0000" + phrase);
      }
    }
    Column burstSeconds = perProgram(config, r -> r.burstSeconds());
    Column burstMin = perProgram(config, r -> r.burstMinResponses());
    Column concentrationTop = perProgram(config, r -> r.concentrationTop());

    // Both periods' rows are read once: the previous period only counts responses.
    Dataset<Row> both = located.cache();
    Dataset<Row> current = both.filter(col(IN_PERIOD));
    Column now = col(IN_PERIOD);
    try {
      List<Column> aggregates = new ArrayList<>();
      aggregates.add(max_by(program, col(DAY)).as("_program"));
      aggregates.add(count(when(now, 1)).as("_responses"));
      aggregates.add(count(when(not(now), 1)).as("_previous"));
      aggregates.add(count(when(now.and(top), 1)).as("_top"));
      aggregates.add(count(when(now.and(anyPhrase), 1)).as("_phrases"));
      for (int i = 0; i < perPhrase.size(); i++) {
        aggregates.add(count(when(now.and(perPhrase.get(i)), 1)).as("_phrase_" + i));
      }
      Map<String, Row> basic =
          collectByPartner(
              both.groupBy(col(Entity.PARTNER_ID))
                  .agg(
                      aggregates.get(0),
                      aggregates.subList(1, aggregates.size()).toArray(Column[]::new)));

      WindowSpec byTime =
          Window.partitionBy(col(Entity.PARTNER_ID))
              .orderBy(at, col(SurveyResponseColumns.RESPONSE_ID));
      Column seconds = unix_seconds(at);
      Column gap = seconds.minus(lag(seconds, 1).over(byTime));
      Dataset<Row> runs =
          current
              .withColumn("_start", when(gap.isNull().or(gap.gt(burstSeconds)), 1).otherwise(0))
              .withColumn(
                  "_run",
                  sum(col("_start"))
                      .over(byTime.rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
              .groupBy(col(Entity.PARTNER_ID), col("_run"))
              .agg(count(lit(1)).as("_size"), max(burstMin).as("_min"));
      Map<String, Row> bursts =
          collectByPartner(
              runs.groupBy(col(Entity.PARTNER_ID))
                  .agg(
                      coalesce(sum(when(col("_size").geq(col("_min")), col("_size"))), lit(0L))
                          .as("_bursts")));

      Map<String, Row> concentration = new HashMap<>();
      Long eventVersion = versions.get(Tables.silver(Entity.SERVICE_EVENT));
      if (eventVersion != null) {
        Column created = col(ServiceEventColumns.CREATED_AT);
        Dataset<Row> events =
            warehouse
                .readVersion(Tables.silver(Entity.SERVICE_EVENT), eventVersion)
                .filter(
                    created
                        .geq(lit(Date.valueOf(previous.start().minusDays(1))).cast("timestamp"))
                        .and(
                            created.lt(
                                lit(Date.valueOf(period.end().plusDays(1))).cast("timestamp")))
                        .and(col(ServiceEventColumns.CUSTOMER_KEY).isNotNull()))
                .select(
                    col(Entity.PARTNER_ID).as("_ev_partner"),
                    col(ServiceEventColumns.EVENT_ID).as("_ev_event"),
                    col(ServiceEventColumns.CUSTOMER_KEY).as("_customer"));
        Dataset<Row> perCustomer =
            current
                .join(
                    events,
                    col(Entity.PARTNER_ID)
                        .equalTo(col("_ev_partner"))
                        .and(col(SurveyResponseColumns.EVENT_ID).equalTo(col("_ev_event"))))
                .groupBy(col(Entity.PARTNER_ID), col("_customer"))
                .agg(count(lit(1)).as("_c"), max(concentrationTop).as("_top_n"));
        WindowSpec byCount =
            Window.partitionBy(col(Entity.PARTNER_ID)).orderBy(col("_c").desc(), col("_customer"));
        concentration =
            collectByPartner(
                perCustomer
                    .withColumn("_rank", row_number().over(byCount))
                    .groupBy(col(Entity.PARTNER_ID))
                    .agg(
                        sum(col("_c")).as("_keyed"),
                        coalesce(sum(when(col("_rank").leq(col("_top_n")), col("_c"))), lit(0L))
                            .as("_top_customers")));
      }
      for (String partner : new java.util.TreeSet<>(basic.keySet())) {
        Row b = basic.get(partner);
        String programId = b.getAs("_program");
        List<String> found = new ArrayList<>();
        for (int i = 0; i < phraseList.size(); i++) {
          String[] key = phraseList.get(i).split("\u0000", 2);
          if (key[0].equals(programId) && b.<Long>getAs("_phrase_" + i) > 0) {
            found.add(key[1]);
          }
        }
        Row burst = bursts.get(partner);
        Row conc = concentration.get(partner);
        out.put(
            partner,
            new SurveyFigures(
                partner,
                programId,
                b.<Long>getAs("_responses"),
                b.<Long>getAs("_top"),
                conc == null ? 0 : conc.<Long>getAs("_keyed"),
                conc == null ? 0 : conc.<Long>getAs("_top_customers"),
                burst == null ? 0 : burst.<Long>getAs("_bursts"),
                b.<Long>getAs("_phrases"),
                found,
                b.<Long>getAs("_previous")));
      }
    } finally {
      both.unpersist();
    }
    return out;
  }

  /** A column holding each row's program's value of an integrity rule. */
  private static Column perProgram(
      PcxConfig config, java.util.function.ToIntFunction<IntegrityRules> rule) {
    Column value = null;
    for (Map.Entry<String, Program> e : new TreeMap<>(config.programs()).entrySet()) {
      int v = rule.applyAsInt(e.getValue().integrity());
      value =
          value == null
              ? when(col(PartnerDimension.PROGRAM_ID).equalTo(e.getKey()), v)
              : value.when(col(PartnerDimension.PROGRAM_ID).equalTo(e.getKey()), v);
    }
    return value == null ? lit(0) : value.otherwise(lit(0));
  }

  private static Map<String, Row> collectByPartner(Dataset<Row> perPartner) {
    Map<String, Row> out = new HashMap<>();
    for (Row r : perPartner.collectAsList()) {
      out.put(r.getAs(Entity.PARTNER_ID), r);
    }
    return out;
  }
}
