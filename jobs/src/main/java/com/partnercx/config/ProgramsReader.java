package com.partnercx.config;

import com.partnercx.errors.ConfigProblem;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads programs.yaml: each incentive program with its scored metrics and its tier ladder. It reads
 * every program id even when the program itself is invalid, so partners.csv is checked against the
 * programs the file declares and a broken program is reported once, not once per partner in it.
 */
final class ProgramsReader {
  static final double DEFAULT_MIN_WEIGHT_COVERAGE = 0.5;
  static final int DEFAULT_PEER_GROUP_MIN_SIZE = 5;
  static final int DEFAULT_MIN_SAMPLE = 30;
  static final int DEFAULT_COMPLAINT_SLA_HOURS = 48;
  static final int DEFAULT_HANDOFF_SLA_HOURS = 24;

  /**
   * What programs.yaml holds.
   *
   * @param valid the programs that could be built, by id in file order
   * @param declaredIds every program id in the file, valid or not, in file order
   */
  record Programs(Map<String, Program> valid, Set<String> declaredIds) {}

  private record SlaHours(int complaint, int handoff) {}

  private final List<ConfigProblem> problems;

  /** A reader that adds what is wrong with the file to {@code problems}. */
  ProgramsReader(List<ConfigProblem> problems) {
    this.problems = problems;
  }

  Programs read(Path configDir) {
    Map<String, Program> valid = new LinkedHashMap<>();
    Set<String> declared = new LinkedHashSet<>();
    YamlSection.ofFile(configDir, ConfigLoader.PROGRAMS_FILE, problems)
        .map(root -> root.read(r -> r.sections("programs", "a mapping of program id to its rules")))
        .orElse(Map.of())
        .forEach(
            (id, section) -> {
              declared.add(id);
              section.read(p -> readProgram(id, p)).ifPresent(program -> valid.put(id, program));
            });
    return new Programs(valid, declared);
  }

  /** The program, or empty when a part it cannot be built without is missing or invalid. */
  private static Optional<Program> readProgram(String id, YamlSection p) {
    String name = p.requiredString("name", "the program's display name");
    String currency = p.requiredString("currency", "a three-letter ISO 4217 code such as EUR");
    if (currency != null && !currency.matches("[A-Z]{3}")) {
      p.problem(
          "currency",
          "expected a three-letter ISO 4217 code such as EUR, found '" + currency + "'");
    }
    double coverage =
        p.number(
            "min_weight_coverage",
            DEFAULT_MIN_WEIGHT_COVERAGE,
            0.0,
            1.0,
            "a share of total weight between 0 and 1");
    boolean shrinkage = p.bool("shrinkage", false);
    boolean comments = p.bool("comments_in_partner_edition", false);
    ZoneId zone = p.zone("timezone", ZoneOffset.UTC);
    int grace = p.integer("on_time_grace_minutes", 0, 0, "whole minutes >= 0");
    int peerMin =
        p.integer("peer_group_min_size", DEFAULT_PEER_GROUP_MIN_SIZE, 1, "a whole number >= 1");
    SlaHours sla =
        p.optionalSection("sla_hours", "a mapping with complaint and handoff hours")
            .read(
                s ->
                    new SlaHours(
                        s.integer("complaint", DEFAULT_COMPLAINT_SLA_HOURS, 1, "whole hours >= 1"),
                        s.integer("handoff", DEFAULT_HANDOFF_SLA_HOURS, 1, "whole hours >= 1")));

    AppealRules appeals =
        p.optionalSection("appeals", "a mapping with window_days and reasons")
            .read(
                a ->
                    new AppealRules(
                        a.integer(
                            "window_days",
                            AppealRules.DEFAULT_WINDOW_DAYS,
                            0,
                            "whole days >= 0 after the period's close"),
                        readReasons(a)));
    IntegrityRules integrity = readIntegrity(p);
    List<Tier> tiers = readTiers(p);
    List<MetricSpec> metrics = readMetrics(p);
    String capTier = p.string("critical_cap_tier", null, "the name of one of the program's tiers");
    boolean anyCritical = metrics.stream().anyMatch(MetricSpec::critical);
    if (capTier == null && anyCritical) {
      p.problem(
          "critical_cap_tier",
          "missing; a metric is marked critical, so name the tier it caps partners at");
    } else if (capTier != null
        && !tiers.isEmpty()
        && tiers.stream().noneMatch(t -> t.name().equals(capTier))) {
      p.problem(
          "critical_cap_tier",
          "'"
              + capTier
              + "' is not a tier of this program; expected one of "
              + tiers.stream().map(Tier::name).toList());
    }
    if (name == null || currency == null || zone == null || tiers.isEmpty() || metrics.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Program(
            id,
            name,
            currency,
            metrics,
            tiers,
            capTier,
            coverage,
            shrinkage,
            grace,
            sla.complaint(),
            sla.handoff(),
            peerMin,
            zone,
            comments,
            appeals,
            integrity));
  }

  /** integrity_action and the integrity thresholds, each with its default. */
  private static IntegrityRules readIntegrity(YamlSection p) {
    String word =
        p.string("integrity_action", IntegrityRules.Action.FLAG.word(), "flag or exclude_flagged");
    IntegrityRules.Action action = IntegrityRules.Action.FLAG;
    if (word != null) {
      Optional<IntegrityRules.Action> named =
          java.util.Arrays.stream(IntegrityRules.Action.values())
              .filter(a -> a.word().equals(word))
              .findFirst();
      if (named.isEmpty()) {
        p.problem("integrity_action", "expected flag or exclude_flagged, found '" + word + "'");
      } else {
        action = named.get();
      }
    }
    IntegrityRules.Action chosen = action;
    return p.optionalSection("integrity", "a mapping of survey-integrity thresholds and phrases")
        .read(
            i -> {
              int minResponses =
                  i.integer(
                      "min_responses",
                      IntegrityRules.DEFAULT_MIN_RESPONSES,
                      1,
                      "a whole number of responses >= 1");
              double margin =
                  i.number(
                      "top_share_margin",
                      IntegrityRules.DEFAULT_TOP_SHARE_MARGIN,
                      0.0,
                      1.0,
                      "a share between 0 and 1");
              int top =
                  i.integer(
                      "concentration_top",
                      IntegrityRules.DEFAULT_CONCENTRATION_TOP,
                      1,
                      "a whole number of customers >= 1");
              double concentration =
                  i.number(
                      "concentration_share",
                      IntegrityRules.DEFAULT_CONCENTRATION_SHARE,
                      0.0,
                      1.0,
                      "a share between 0 and 1");
              int burstSeconds =
                  i.integer(
                      "burst_seconds",
                      IntegrityRules.DEFAULT_BURST_SECONDS,
                      1,
                      "whole seconds >= 1");
              int burstMin =
                  i.integer(
                      "burst_min_responses",
                      IntegrityRules.DEFAULT_BURST_MIN_RESPONSES,
                      2,
                      "a whole number of responses >= 2");
              double burstShare =
                  i.number(
                      "burst_share",
                      IntegrityRules.DEFAULT_BURST_SHARE,
                      0.0,
                      1.0,
                      "a share between 0 and 1");
              double drop =
                  i.number(
                      "response_drop",
                      IntegrityRules.DEFAULT_RESPONSE_DROP,
                      0.0,
                      1.0,
                      "a relative fall between 0 and 1 (0.5: halved)");
              List<String> phrases =
                  i.stringList("phrases", List.of(), "phrases such as \"rate us 10\"");
              Set<String> seen = new HashSet<>();
              for (String phrase : phrases) {
                if (phrase.isBlank()) {
                  i.problem("phrases", "a phrase is empty");
                } else if (!seen.add(phrase.toLowerCase(java.util.Locale.ROOT))) {
                  i.problem("phrases", "phrase '" + phrase + "' appears twice");
                }
              }
              int phraseMin =
                  i.integer(
                      "phrase_min_comments",
                      IntegrityRules.DEFAULT_PHRASE_MIN_COMMENTS,
                      1,
                      "a whole number of comments >= 1");
              return new IntegrityRules(
                  chosen,
                  minResponses,
                  margin,
                  top,
                  concentration,
                  burstSeconds,
                  burstMin,
                  burstShare,
                  drop,
                  phrases,
                  phraseMin);
            });
  }

  /** The reason codes an appeal may give: distinct lower-case words. */
  private static List<String> readReasons(YamlSection a) {
    List<String> reasons = a.stringList("reasons", List.of(), "reason codes such as road_closure");
    Set<String> seen = new HashSet<>();
    for (String reason : reasons) {
      if (!reason.matches("[a-z][a-z0-9_]*")) {
        a.problem(
            "reasons",
            "expected reason codes of lower-case letters, digits and _, found '" + reason + "'");
      } else if (!seen.add(reason)) {
        a.problem("reasons", "reason code '" + reason + "' appears twice");
      }
    }
    return reasons;
  }

  /** The tier ladder, best first; the last tier starts at 0 so every partner gets one. */
  private static List<Tier> readTiers(YamlSection p) {
    List<Tier> tiers = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (YamlSection section :
        p.sectionList("tiers", "tiers {name, min_composite, payout_pct}, best first")) {
      section.read(t -> readTier(t, names, tiers)).ifPresent(tiers::add);
    }
    if (!tiers.isEmpty() && tiers.get(tiers.size() - 1).minComposite() != 0.0) {
      p.problem(
          "tiers",
          "the last tier must start at min_composite 0 so every partner gets a tier, found "
              + fmt(tiers.get(tiers.size() - 1).minComposite()));
    }
    return tiers;
  }

  /** One tier, checked against the tiers above it ({@code better}) and the names seen so far. */
  private static Optional<Tier> readTier(YamlSection t, Set<String> names, List<Tier> better) {
    String name = t.requiredString("name", "the tier's name");
    Double min = t.requiredNumber("min_composite", 0, 100, "a composite index between 0 and 100");
    Double payout = t.requiredNumber("payout_pct", 0, 100, "a payout percentage between 0 and 100");
    if (name != null && !names.add(name)) {
      t.problem("name", "tier '" + name + "' appears twice; tier names must be unique");
    }
    if (name == null || min == null || payout == null) {
      return Optional.empty();
    }
    if (!better.isEmpty() && min >= better.get(better.size() - 1).minComposite()) {
      t.problem(
          "min_composite",
          "expected tiers best first with strictly decreasing min_composite, found "
              + fmt(min)
              + " after "
              + fmt(better.get(better.size() - 1).minComposite()));
    }
    return Optional.of(new Tier(name, min, payout));
  }

  private static List<MetricSpec> readMetrics(YamlSection p) {
    List<MetricSpec> metrics = new ArrayList<>();
    p.sections("metrics", "a mapping of metric id to {weight, direction, floor, target, min_n}")
        .forEach(
            (metricId, section) ->
                section.read(m -> readMetric(metricId, m)).ifPresent(metrics::add));
    return metrics;
  }

  private static Optional<MetricSpec> readMetric(String metricId, YamlSection m) {
    Optional<MetricId> id = MetricId.byId(metricId);
    if (id.isEmpty()) {
      m.problem(null, "unknown metric; expected one of " + MetricId.ids());
    }
    Double weight = m.requiredNumber("weight", Double.MIN_VALUE, 1e6, "a positive weight");
    String dir = m.requiredString("direction", "higher_is_better or lower_is_better");
    Direction direction = dir == null ? null : Direction.byId(dir).orElse(null);
    if (dir != null && direction == null) {
      m.problem("direction", "expected higher_is_better or lower_is_better, found '" + dir + "'");
    }
    Double floor = m.requiredNumber("floor", -1e9, 1e9, "the value that scores 0");
    Double target = m.requiredNumber("target", -1e9, 1e9, "the value that scores 100");
    int minN = m.integer("min_n", DEFAULT_MIN_SAMPLE, 1, "a sample size >= 1");
    boolean critical = m.bool("critical", false);
    if (direction == null || floor == null || target == null) {
      return Optional.empty();
    }
    if (direction == Direction.HIGHER_IS_BETTER && !(target > floor)) {
      m.problem(
          "target",
          "higher_is_better needs target > floor, found target "
              + fmt(target)
              + " and floor "
              + fmt(floor));
    } else if (direction == Direction.LOWER_IS_BETTER && !(floor > target)) {
      m.problem(
          "floor",
          "lower_is_better needs floor > target, found floor "
              + fmt(floor)
              + " and target "
              + fmt(target));
    }
    if (id.isEmpty() || weight == null) {
      return Optional.empty();
    }
    return Optional.of(new MetricSpec(id.get(), weight, direction, floor, target, minN, critical));
  }

  /** A number as written in the file: 70 rather than 70.0. */
  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
