package com.partnercx.generate;

import com.partnercx.schema.Period;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which partner carries which planted survey-integrity pattern, how its survey rate changes, and
 * the ground truth of it (ground_truth_integrity.csv).
 *
 * <p>The rule: only mid-quality partners (archetype {@code n % 7} of 2, 3 or 5) whose type's feeds
 * carry what the flag needs are candidates. Flags are placed in {@link #PLACEMENT_ORDER}, the ones
 * needing most data first; each takes a program of its own, programs tried busiest type first,
 * choosing the first program that still lets the most of the remaining flags have a program of
 * their own. Within its program a flag takes the busiest candidate (most service events a day,
 * earliest in the roster on a tie). A flag that cannot have a program of its own takes the busiest
 * candidate not yet planted of any program; without any, it is not planted. No partner gets two
 * plants.
 */
final class IntegrityPlants {
  /** The file listing the plants, next to ground_truth.csv. */
  static final String FILE = "ground_truth_integrity.csv";

  static final String HEADER = "partner_id,period,flag";

  /** Survey rate of a planted partner, so each quarter has well over 30 responses. */
  static final double SURVEY_RATE = 0.8;

  /** Survey rate of the rate-drop partner in the last quarter, relative to {@link #SURVEY_RATE}. */
  static final double DROPPED_RATE_SHARE = 0.1;

  /**
   * The order flags choose their partner in: the ones needing the most data (peers with figures,
   * customer keys, a full earlier quarter, whole runs of responses) first, so they land in the
   * busiest programs; solicitation needs only two comments and takes what is left.
   */
  static final List<IntegrityFlag> PLACEMENT_ORDER =
      List.of(
          IntegrityFlag.CSAT_CONTRADICTS_COMPLAINTS,
          IntegrityFlag.CONCENTRATED_CUSTOMERS,
          IntegrityFlag.RESPONSE_RATE_DROP,
          IntegrityFlag.RESPONSE_BURSTS,
          IntegrityFlag.TOP_SCORE_SHARE,
          IntegrityFlag.SCORE_SOLICITATION);

  private static final Set<Integer> MID_QUALITY = Set.of(2, 3, 5);

  /** Most service events a day first; earlier in the roster on a tie. */
  private static final Comparator<SyntheticPartner> BUSIEST_FIRST =
      Comparator.comparingDouble((SyntheticPartner p) -> p.type().volume() * p.volume())
          .reversed()
          .thenComparingInt(SyntheticPartner::index);

  private final Map<IntegrityFlag, SyntheticPartner> partners;
  private final Map<String, IntegrityFlag> byPartner = new LinkedHashMap<>();
  private final Period lastQuarter;
  private final boolean requested;

  private IntegrityPlants(
      Map<IntegrityFlag, SyntheticPartner> partners, Period lastQuarter, boolean requested) {
    this.partners = partners;
    this.lastQuarter = lastQuarter;
    this.requested = requested;
    partners.forEach((flag, partner) -> byPartner.put(partner.id(), flag));
  }

  /** The plants of {@code requested} (flag names) in the roster; none when nothing is requested. */
  static IntegrityPlants choose(
      Set<String> requested,
      List<SyntheticPartner> roster,
      List<FeedSpec> feeds,
      LocalDate first,
      LocalDate last) {
    Period lastQuarter = Period.quarterOf(last);
    boolean twoQuarters = !Period.quarterOf(first).equals(lastQuarter);
    List<IntegrityFlag> flags =
        PLACEMENT_ORDER.stream()
            .filter(f -> requested.contains(f.id()))
            .filter(f -> f != IntegrityFlag.RESPONSE_RATE_DROP || twoQuarters)
            .toList();
    Map<IntegrityFlag, List<SyntheticPartner>> candidates = new EnumMap<>(IntegrityFlag.class);
    for (IntegrityFlag flag : flags) {
      candidates.put(
          flag,
          roster.stream()
              .filter(p -> MID_QUALITY.contains(p.archetype()) && flag.fits(p.type(), feeds))
              .sorted(BUSIEST_FIRST)
              .toList());
    }
    List<PartnerType> programs = new ArrayList<>(List.of(PartnerType.values()));
    programs.sort(Comparator.comparingDouble(PartnerType::volume).reversed());
    List<PartnerType> own =
        ownPrograms(flags, 0, candidates, programs, EnumSet.noneOf(PartnerType.class));
    Map<IntegrityFlag, SyntheticPartner> chosen = new EnumMap<>(IntegrityFlag.class);
    Set<String> planted = new HashSet<>();
    for (int i = 0; i < flags.size(); i++) {
      PartnerType program = own.get(i);
      if (program != null) {
        SyntheticPartner partner =
            candidates.get(flags.get(i)).stream()
                .filter(p -> p.type() == program)
                .findFirst()
                .orElseThrow();
        chosen.put(flags.get(i), partner);
        planted.add(partner.id());
      }
    }
    for (int i = 0; i < flags.size(); i++) {
      if (own.get(i) == null) {
        Optional<SyntheticPartner> any =
            candidates.get(flags.get(i)).stream()
                .filter(p -> !planted.contains(p.id()))
                .findFirst();
        if (any.isPresent()) {
          chosen.put(flags.get(i), any.get());
          planted.add(any.get().id());
        }
      }
    }
    return new IntegrityPlants(chosen, lastQuarter, !requested.isEmpty());
  }

  /**
   * A program of its own for each of {@code flags} from the {@code i}-th on (null for none): the
   * assignment giving the most of them a program, the first such in the order programs are tried.
   */
  private static List<PartnerType> ownPrograms(
      List<IntegrityFlag> flags,
      int i,
      Map<IntegrityFlag, List<SyntheticPartner>> candidates,
      List<PartnerType> programs,
      Set<PartnerType> used) {
    if (i == flags.size()) {
      return new ArrayList<>();
    }
    List<PartnerType> best = null;
    long bestCount = -1;
    for (PartnerType program : programs) {
      if (used.contains(program)
          || candidates.get(flags.get(i)).stream().noneMatch(p -> p.type() == program)) {
        continue;
      }
      used.add(program);
      List<PartnerType> rest = ownPrograms(flags, i + 1, candidates, programs, used);
      used.remove(program);
      if (1 + assigned(rest) > bestCount) {
        rest.add(0, program);
        best = rest;
        bestCount = assigned(rest);
      }
      if (bestCount == flags.size() - i) {
        return best;
      }
    }
    List<PartnerType> rest = ownPrograms(flags, i + 1, candidates, programs, used);
    if (assigned(rest) > bestCount) {
      rest.add(0, null);
      best = rest;
    }
    return best;
  }

  private static long assigned(List<PartnerType> programs) {
    return programs.stream().filter(t -> t != null).count();
  }

  /** The flag planted in a partner, or null. */
  IntegrityFlag flagOf(String partnerId) {
    return byPartner.get(partnerId);
  }

  /** The planted partner of each flag, in the flags' declaration order. */
  Map<IntegrityFlag, SyntheticPartner> partners() {
    return partners;
  }

  /** The last quarter the generated days touch: the period of every truth row. */
  Period lastQuarter() {
    return lastQuarter;
  }

  /**
   * The partner as its rows of {@code day} are drawn: a planted partner answers surveys at {@link
   * #SURVEY_RATE}, the rate-drop partner at a tenth of it in the last quarter.
   */
  SyntheticPartner asDrawn(SyntheticPartner p, LocalDate day) {
    IntegrityFlag flag = byPartner.get(p.id());
    if (flag == null) {
      return p;
    }
    double rate =
        flag == IntegrityFlag.RESPONSE_RATE_DROP && lastQuarter.contains(day)
            ? SURVEY_RATE * DROPPED_RATE_SHARE
            : SURVEY_RATE;
    return p.withSurveyRate(rate);
  }

  /**
   * Writes {@link #FILE} into {@code dir} when any plant was requested: one row per plant, every
   * row labelled with the last quarter (just the header when no partner fits). When none was
   * requested there is no such file, and one left by an earlier run is removed.
   */
  void write(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (!requested) {
      Files.deleteIfExists(file);
      return;
    }
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(HEADER + "\n");
      for (Map.Entry<IntegrityFlag, SyntheticPartner> e : partners.entrySet()) {
        out.write(e.getValue().id() + "," + lastQuarter.label() + "," + e.getKey().id() + "\n");
      }
    }
  }
}
