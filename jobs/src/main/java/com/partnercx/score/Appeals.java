package com.partnercx.score;

import static org.apache.spark.sql.functions.col;

import com.partnercx.config.AppealRules;
import com.partnercx.config.MetricId;
import com.partnercx.config.Partner;
import com.partnercx.config.PcxConfig;
import com.partnercx.config.Program;
import com.partnercx.errors.PcxErrors;
import com.partnercx.schema.Entity;
import com.partnercx.schema.Period;
import com.partnercx.tables.Appeal;
import com.partnercx.tables.AppealsTable;
import com.partnercx.tables.PeriodCloseTable;
import com.partnercx.tables.PeriodCloseTable.PeriodClose;
import com.partnercx.tables.Tables;
import com.partnercx.warehouse.Warehouse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * Filing and deciding appeals against a closed period's scorecard, by the program's rules: a reason
 * code the program lists, within its window after the period's close, naming records of the
 * partner's own that belong to the period and that no other open or accepted appeal against the
 * metric names. An appeal is refused with the rule it breaks, and nothing is written.
 */
public final class Appeals {
  private Appeals() {}

  /**
   * What a partner asks for.
   *
   * @param partnerId the partner
   * @param period the period whose scorecard is appealed
   * @param metric the metric id
   * @param items the keys of the records to exclude
   * @param reason a reason code of the partner's program
   * @param evidence what supports it
   * @param by who files it
   */
  public record Request(
      String partnerId,
      Period period,
      String metric,
      List<String> items,
      String reason,
      String evidence,
      String by) {}

  /** Files the appeal (state: awaiting a decision); returns it with its new id. */
  public static Appeal file(Warehouse warehouse, PcxConfig config, Request request, Instant now) {
    String what = "Appeal of " + request.partnerId() + " against " + request.metric();
    Partner partner =
        config
            .partnerOn(request.partnerId(), request.period().end().minusDays(1))
            .or(() -> config.latestPartner(request.partnerId()))
            .orElseThrow(
                () ->
                    PcxErrors.appealRefused(
                        what, "partner " + request.partnerId() + " is not in partners.csv."));
    Program program = config.program(partner.programId());
    AppealRules rules = program.appeals();
    if (rules.reasons().isEmpty()) {
      throw PcxErrors.appealRefused(
          what,
          "program "
              + program.id()
              + " takes no appeals; list its reason codes under appeals.reasons in"
              + " programs.yaml.");
    }
    MetricId metric =
        MetricId.byId(request.metric())
            .filter(m -> program.metric(m).isPresent())
            .orElseThrow(
                () ->
                    PcxErrors.appealRefused(
                        what,
                        "'"
                            + request.metric()
                            + "' is not a metric of program "
                            + program.id()
                            + "; expected one of "
                            + program.metrics().stream().map(m -> m.metric().id()).toList()
                            + "."));
    Entity entity =
        metric
            .appealedEntity()
            .orElseThrow(
                () ->
                    PcxErrors.appealRefused(
                        what,
                        metric.id()
                            + " counts the extracts of data feeds, not customer records; it"
                            + " cannot be appealed record by record."));
    if (!rules.reasons().contains(request.reason())) {
      throw PcxErrors.appealRefused(
          what,
          "reason '"
              + request.reason()
              + "' is not one of program "
              + program.id()
              + "'s: "
              + rules.reasons()
              + ".");
    }
    if (request.evidence() == null || request.evidence().isBlank()) {
      throw PcxErrors.appealRefused(what, "give the evidence the appeal rests on (--evidence).");
    }
    checkWindow(warehouse, request.period(), rules, now, what);
    Set<String> items = new LinkedHashSet<>(request.items());
    if (items.isEmpty()) {
      throw PcxErrors.appealRefused(what, "name at least one record (--items).");
    }
    checkItems(warehouse, entity, program.timeZone(), request, items, what);
    List<Appeal> all = AppealsTable.all(warehouse);
    checkNotNamedTwice(all, request, items, what);
    int next = all.stream().mapToInt(a -> AppealsTable.number(a.id())).max().orElse(0) + 1;
    Appeal appeal =
        new Appeal(
            "A-" + next,
            request.partnerId(),
            request.period().label(),
            metric.id(),
            List.copyOf(items),
            request.reason(),
            request.evidence(),
            request.by(),
            now,
            null,
            null,
            null,
            null,
            null);
    AppealsTable.append(warehouse, AppealsTable.FILED, request.by(), now, List.of(appeal));
    return appeal;
  }

  /** Decides an appeal that awaits its decision; returns it as decided. */
  public static Appeal decide(
      Warehouse warehouse, String id, boolean accept, String by, String note, Instant now) {
    String what = "Decision on appeal " + id;
    Appeal appeal =
        AppealsTable.find(warehouse, id)
            .orElseThrow(
                () ->
                    PcxErrors.appealRefused(
                        what, "there is no appeal " + id + "; `pcx appeal list` shows them."));
    if (appeal.decided()) {
      throw PcxErrors.appealRefused(
          what,
          id
              + " was "
              + appeal.decision()
              + " by "
              + appeal.decidedBy()
              + " at "
              + appeal.decidedAt()
              + "; a decision is final.");
    }
    if (note == null || note.isBlank()) {
      throw PcxErrors.appealRefused(what, "give the reason for the decision (--note).");
    }
    Appeal decided = appeal.decide(accept, by, now, note);
    AppealsTable.append(warehouse, AppealsTable.DECIDED, by, now, List.of(decided));
    return decided;
  }

  /** Decided appeals whose partner's PDFs have not been rendered since the decision. */
  public static List<Appeal> awaitingReissue(Warehouse warehouse) {
    return AppealsTable.all(warehouse).stream()
        .filter(a -> a.decided() && a.reissuedAt() == null)
        .toList();
  }

  /** Records that the partners' PDFs were rendered with these decisions. */
  public static void reissued(Warehouse warehouse, List<Appeal> appeals, String by, Instant now) {
    if (!appeals.isEmpty()) {
      AppealsTable.append(
          warehouse,
          AppealsTable.REISSUED,
          by,
          now,
          appeals.stream().map(a -> a.reissued(now)).toList());
    }
  }

  /** Appeals open from the period's first close until the program's window after it. */
  private static void checkWindow(
      Warehouse warehouse, Period period, AppealRules rules, Instant now, String what) {
    PeriodClose close =
        PeriodCloseTable.first(warehouse, period.label())
            .orElseThrow(
                () ->
                    PcxErrors.appealRefused(
                        what,
                        period.label()
                            + " is not closed yet, so its figures are provisional; appeals open"
                            + " when it is closed (`pcx close --period "
                            + period.label()
                            + "`)."));
    Instant deadline = close.closedAt().plus(java.time.Duration.ofDays(rules.windowDays()));
    if (now.isAfter(deadline)) {
      throw PcxErrors.appealRefused(
          what,
          "the appeal window of "
              + period.label()
              + " ("
              + rules.windowDays()
              + " days after its close on "
              + close.closedAt().toString().substring(0, 10)
              + ") ended at "
              + deadline
              + ".");
    }
  }

  /** Each item must be a record of the partner's, dated in the period (the program's days). */
  private static void checkItems(
      Warehouse warehouse,
      Entity entity,
      ZoneId zone,
      Request request,
      Set<String> items,
      String what) {
    String key = entity.recordKey();
    Map<String, List<Row>> found = new TreeMap<>();
    if (warehouse.exists(Tables.silver(entity))) {
      warehouse
          .read(Tables.silver(entity))
          .filter(col(key).isin(items.toArray()))
          .select(col(key), col(Entity.PARTNER_ID), col(entity.periodField()))
          .collectAsList()
          .forEach(r -> found.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r));
    }
    List<String> problems = new ArrayList<>();
    for (String item : items) {
      List<Row> rows = found.getOrDefault(item, List.of());
      Row own =
          rows.stream()
              .filter(r -> request.partnerId().equals(r.getString(1)))
              .findFirst()
              .orElse(null);
      if (own == null) {
        problems.add(
            rows.isEmpty()
                ? item + " is not a " + AppealExclusions.noun(entity, 1) + " in silver"
                : item + " is a " + AppealExclusions.noun(entity, 1) + " of another partner");
        continue;
      }
      Timestamp at = own.getAs(entity.periodField());
      LocalDate day = at == null ? null : at.toInstant().atZone(zone).toLocalDate();
      if (day == null || !request.period().contains(day)) {
        problems.add(
            item
                + " is dated "
                + (day == null ? "nowhere (no " + entity.periodField() + ")" : day)
                + ", outside "
                + request.period().label());
      }
    }
    if (!problems.isEmpty()) {
      throw PcxErrors.appealRefused(
          what,
          "every record named must be a "
              + AppealExclusions.noun(entity, 1)
              + " of "
              + request.partnerId()
              + " in "
              + request.period().label()
              + ": "
              + String.join("; ", problems)
              + ".");
    }
  }

  /** A record may be named against a metric by one open or accepted appeal only. */
  private static void checkNotNamedTwice(
      List<Appeal> all, Request request, Set<String> items, String what) {
    List<String> problems = new ArrayList<>();
    for (Appeal a : all) {
      boolean live = !a.decided() || a.accepted();
      if (live
          && a.partnerId().equals(request.partnerId())
          && a.period().equals(request.period().label())
          && a.metric().equals(request.metric())) {
        for (String item : a.items()) {
          if (items.contains(item)) {
            problems.add(
                item
                    + " is named by "
                    + a.id()
                    + " ("
                    + (a.decided() ? a.decision() : "open")
                    + ")");
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw PcxErrors.appealRefused(what, String.join("; ", problems) + ".");
    }
  }
}
