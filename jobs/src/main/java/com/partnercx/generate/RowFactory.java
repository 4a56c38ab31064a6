package com.partnercx.generate;

import com.partnercx.schema.Entity;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Draws canonical rows for one partner and day from the partner's hidden quality. A row is an
 * {@code Object[]} in the order of {@link Entity#fields()}: String, Long (epoch seconds), Boolean,
 * Integer or Double, or null where the value is absent.
 */
final class RowFactory {
  private static final ZoneId LOCAL = ZoneId.of("Europe/Berlin");
  private static final List<String> COMPLAINT_CATEGORIES =
      List.of(
          "late delivery",
          "product quality",
          "staff behaviour",
          "billing",
          "no-show",
          "damage",
          "communication");
  private static final List<String> SEVERITIES = List.of("low", "medium", "high");
  private static final List<String> PLATFORMS =
      List.of("instagram", "x", "facebook", "tiktok", "google_reviews");
  private static final List<String> PRAISE =
      List.of(
          "Great service, very friendly.",
          "Fast and reliable.",
          "Everything arrived as promised.",
          "Would recommend to friends.");
  private static final List<String> CRITICISM =
      List.of(
          "Took far too long.",
          "Nobody answered my calls.",
          "Order was wrong and cold.",
          "Technician had to come twice.");

  /** Share of the concentrated-customers partner's service events that go to its regulars. */
  static final double REGULARS_SHARE = 0.4;

  /** Complaints of the csat-contradicts-complaints partner relative to its natural rate. */
  static final double COMPLAINT_FACTOR = 8;

  /** Share of the score-solicitation partner's responses quoting a solicitation phrase. */
  static final double SOLICITED_SHARE = 0.3;

  /** Bounds of a run of the response-bursts partner: responses, and seconds between them. */
  static final int BURST_MIN = 6;

  static final int BURST_MAX = 8;
  static final int BURST_GAP_MIN_SECONDS = 10;
  static final int BURST_GAP_MAX_SECONDS = 40;

  /** Regular customers of the concentrated-customers partner. */
  static final int REGULARS = 3;

  /**
   * Share of all responses giving NPS 10, whatever the partner's quality: promoters split between 9
   * and 10 so that better partners have more promoters but not more 10s, and no natural partner
   * stands out by its share of top scores.
   */
  static final double TOP_SCORE_SHARE = 0.12;

  private static final String[] FIRST_NAMES = {
    "Jürgen", "Anna", "Björn", "Sophie", "Mehmet", "Zoë", "Lukas", "Chloé"
  };
  private static final String[] LAST_NAMES = {
    "Weiß", "Müller", "Schäfer", "Öztürk", "Krause", "Brandt", "Hoffmann", "Groß"
  };

  private final double eventsPerPartnerDay;

  RowFactory(double eventsPerPartnerDay) {
    this.eventsPerPartnerDay = eventsPerPartnerDay;
  }

  /** Mean service events per day of a partner. */
  double eventsMean(SyntheticPartner p) {
    return eventsPerPartnerDay * p.type().volume() * p.volume();
  }

  /** The rows of a partner without a planted pattern. */
  void rows(
      Entity entity,
      SyntheticPartner p,
      LocalDate day,
      SplittableRandom rng,
      Consumer<Object[]> out) {
    rows(entity, p, day, rng, null, out);
  }

  /**
   * The rows of a partner for one entity and day, with {@code plant}'s pattern when not null. The
   * partner's survey rate is used as given, so a planted partner comes with its raised rate.
   */
  void rows(
      Entity entity,
      SyntheticPartner p,
      LocalDate day,
      SplittableRandom rng,
      IntegrityFlag plant,
      Consumer<Object[]> out) {
    double events = eventsMean(p);
    long dayStart = day.atStartOfDay(LOCAL).toEpochSecond();
    String stamp =
        String.format(
            Locale.ROOT,
            "%02d%02d%02d",
            day.getYear() % 100,
            day.getMonthValue(),
            day.getDayOfMonth());
    double q = p.quality();
    switch (entity) {
      case SERVICE_EVENT -> {
        int n = poisson(rng, events);
        for (int i = 1; i <= n; i++) {
          out.accept(serviceEvent(p, dayStart, stamp, i, rng, plant));
        }
      }
      case SURVEY_RESPONSE -> {
        double mean = events * 0.7 * p.surveyRate();
        // The bursts partner's responses come in whole runs, however few a day has.
        int[] runs =
            plant == IntegrityFlag.RESPONSE_BURSTS
                ? burstRuns(rng, mean / ((BURST_MIN + BURST_MAX) / 2.0))
                : null;
        int n = runs == null ? poisson(rng, mean) : Arrays.stream(runs).sum();
        double promoterRate = 0.2 + 0.6 * q;
        long burstClock = 0;
        int burstLeft = 0;
        int nextRun = 0;
        for (int i = 1; i <= n; i++) {
          boolean promoter = rng.nextDouble() < promoterRate;
          boolean detractor = !promoter && rng.nextDouble() < (0.35 - 0.3 * q) / (0.8 - 0.6 * q);
          int nps =
              promoter
                  ? rng.nextDouble() < TOP_SCORE_SHARE / promoterRate ? 10 : 9
                  : detractor ? rng.nextInt(7) : 7 + rng.nextInt(2);
          int csat = rng.nextDouble() < 0.55 + 0.4 * q ? 4 + rng.nextInt(2) : 1 + rng.nextInt(3);
          int ces = clamp((int) Math.round(4.5 - 2.5 * q + rng.nextGaussian()), 1, 7);
          String comment = rng.nextDouble() < 0.35 ? comment(rng, promoter) : null;
          String event = eventRef(p, day, rng);
          long responded = dayStart + 8 * 3600 + rng.nextInt(14 * 3600);
          if (plant == IntegrityFlag.TOP_SCORE_SHARE) {
            nps = 10;
          } else if (plant == IntegrityFlag.CSAT_CONTRADICTS_COMPLAINTS && csat < 4) {
            csat = 4 + rng.nextInt(2);
          } else if (plant == IntegrityFlag.SCORE_SOLICITATION
              && rng.nextDouble() < SOLICITED_SHARE) {
            comment = solicitation(rng, comment);
          } else if (plant == IntegrityFlag.RESPONSE_BURSTS) {
            if (burstLeft == 0) {
              burstLeft = runs[nextRun++];
              burstClock = responded;
            } else {
              burstClock +=
                  BURST_GAP_MIN_SECONDS
                      + rng.nextInt(BURST_GAP_MAX_SECONDS - BURST_GAP_MIN_SECONDS + 1);
            }
            burstLeft--;
            responded = burstClock;
          }
          out.accept(
              new Object[] {
                p.id(),
                "S-" + p.id() + "-" + stamp + "-" + i,
                event,
                responded,
                nps,
                csat,
                ces,
                comment
              });
        }
      }
      case COMPLAINT -> {
        double mean = events * (0.03 - 0.025 * q) + 0.02;
        int n =
            poisson(
                rng,
                plant == IntegrityFlag.CSAT_CONTRADICTS_COMPLAINTS
                    ? mean * COMPLAINT_FACTOR
                    : mean);
        for (int i = 1; i <= n; i++) {
          long opened = dayStart + 7 * 3600 + rng.nextInt(15 * 3600);
          long firstResponse = opened + (long) (exponential(rng, 2 + 20 * (1 - q)) * 3600);
          boolean resolved = rng.nextDouble() > 0.04 + 0.12 * (1 - q);
          Long resolvedAt =
              resolved ? firstResponse + (long) (exponential(rng, 8 + 70 * (1 - q)) * 3600) : null;
          int contacts = rng.nextDouble() < 0.45 + 0.45 * q ? 1 : 2 + rng.nextInt(3);
          out.accept(
              new Object[] {
                p.id(),
                "C-" + p.id() + "-" + stamp + "-" + i,
                eventRef(p, day, rng),
                opened,
                firstResponse,
                resolvedAt,
                COMPLAINT_CATEGORIES.get(rng.nextInt(COMPLAINT_CATEGORIES.size())),
                SEVERITIES.get(rng.nextInt(SEVERITIES.size())),
                contacts
              });
        }
      }
      case SOCIAL_MENTION -> {
        int n = poisson(rng, 0.3 * p.volume() + events * 0.032);
        for (int i = 1; i <= n; i++) {
          double sentiment = Math.max(-1, Math.min(1, -0.3 + 0.9 * q + 0.35 * rng.nextGaussian()));
          out.accept(
              new Object[] {
                p.id(),
                "M-" + p.id() + "-" + stamp + "-" + i,
                dayStart + 6 * 3600 + rng.nextInt(17 * 3600),
                PLATFORMS.get(rng.nextInt(PLATFORMS.size())),
                Math.round(sentiment * 100) / 100.0,
                comment(rng, sentiment > 0) + " @" + p.name().replace(' ', '_')
              });
        }
      }
      case DIGITAL_SESSION -> {
        int n = poisson(rng, events * 0.67);
        for (int i = 1; i <= n; i++) {
          boolean added = rng.nextDouble() < 0.4;
          boolean ordered = added && rng.nextDouble() < 0.45 + 0.45 * q;
          double menu = Math.round(Math.exp(4.2 + 0.6 * rng.nextGaussian()) * 10) / 10.0;
          out.accept(
              new Object[] {
                p.id(),
                "W-" + p.id() + "-" + stamp + "-" + i,
                dayStart + 6 * 3600 + rng.nextInt(18 * 3600),
                menu,
                added,
                ordered
              });
        }
      }
      case HANDOFF -> {
        int n = poisson(rng, events * 0.3);
        for (int i = 1; i <= n; i++) {
          long sent = dayStart + 7 * 3600 + rng.nextInt(12 * 3600);
          boolean acknowledged = rng.nextDouble() < 0.75 + 0.24 * q;
          Long ackAt =
              acknowledged ? sent + (long) (exponential(rng, 1 + 20 * (1 - q)) * 3600) : null;
          Boolean applied = acknowledged ? rng.nextDouble() < 0.7 + 0.29 * q : Boolean.FALSE;
          out.accept(
              new Object[] {
                p.id(),
                "H-" + p.id() + "-" + stamp + "-" + i,
                eventRef(p, day, rng),
                sent,
                ackAt,
                applied
              });
        }
      }
    }
  }

  private Object[] serviceEvent(
      SyntheticPartner p,
      long dayStart,
      String stamp,
      int seq,
      SplittableRandom rng,
      IntegrityFlag plant) {
    PartnerType type = p.type();
    double q = p.quality();
    long created = dayStart + 6 * 3600 + rng.nextInt(16 * 3600);
    int lead =
        type.leadMinMinutes() + rng.nextInt(type.leadMaxMinutes() - type.leadMinMinutes() + 1);
    long promised = created + lead * 60L;
    String status;
    double r = rng.nextDouble();
    if (r < 0.10 - 0.08 * q) {
      status = "cancelled";
    } else if (r < 0.12 - 0.08 * q) {
      status = "failed";
    } else {
      status = "completed";
    }
    Long fulfilled = null;
    Boolean firstTimeFix = null;
    Boolean conditionIssue = null;
    if (status.equals("completed")) {
      double lateness = 5 + 0.15 * (type.leadMaxMinutes() - type.leadMinMinutes()) * (1.3 - q);
      long offset =
          rng.nextDouble() < 0.55 + 0.43 * q
              ? -rng.nextInt(Math.max(1, lead / 4) + 1) * 60L
              : (long) ((1 + exponential(rng, lateness)) * 60);
      fulfilled = promised + offset;
      firstTimeFix = rng.nextDouble() < 0.6 + 0.35 * q;
      conditionIssue = rng.nextDouble() < 0.08 - 0.07 * q;
    }
    String customer =
        plant == IntegrityFlag.CONCENTRATED_CUSTOMERS && rng.nextDouble() < REGULARS_SHARE
            ? regular(type, rng.nextInt(REGULARS))
            : switch (type) {
              case DELIVERY -> "guest" + rng.nextInt(50_000) + "@example.net";
              case DEALERSHIP -> dealershipCustomer(rng);
              default -> "CUST-" + (100_000 + rng.nextInt(900_000));
            };
    double value =
        Math.round((10 + rng.nextDouble() * 90) * (type == PartnerType.DEALERSHIP ? 8 : 1) * 100)
            / 100.0;
    return new Object[] {
      p.id(),
      p.id() + "-" + stamp + "-" + String.format(Locale.ROOT, "%04d", seq),
      customer,
      "L" + (p.index() % 97),
      "app",
      created,
      promised,
      fulfilled,
      status,
      firstTimeFix,
      conditionIssue,
      value
    };
  }

  private String eventRef(SyntheticPartner p, LocalDate day, SplittableRandom rng) {
    LocalDate earlier = day.minusDays(1 + rng.nextInt(3));
    return p.id()
        + "-"
        + String.format(
            Locale.ROOT,
            "%02d%02d%02d",
            earlier.getYear() % 100,
            earlier.getMonthValue(),
            earlier.getDayOfMonth())
        + "-"
        + String.format(
            Locale.ROOT, "%04d", 1 + rng.nextInt(Math.max(1, (int) Math.ceil(eventsMean(p)))));
  }

  private static String comment(SplittableRandom rng, boolean positive) {
    List<String> pool = positive ? PRAISE : CRITICISM;
    String text = pool.get(rng.nextInt(pool.size()));
    if (rng.nextDouble() < 0.2) {
      text = text + "\n" + pool.get(rng.nextInt(pool.size()));
    }
    return text;
  }

  /**
   * The lengths of a day's runs of responses, each of 6 to 8: {@code meanRuns} rounded up or down
   * at random, so a quarter's count of responses varies no more than a Poisson count would.
   */
  private static int[] burstRuns(SplittableRandom rng, double meanRuns) {
    int[] runs = new int[(int) Math.floor(meanRuns + rng.nextDouble())];
    for (int k = 0; k < runs.length; k++) {
      runs[k] = BURST_MIN + rng.nextInt(BURST_MAX - BURST_MIN + 1);
    }
    return runs;
  }

  /**
   * A dealership's customer: a name and a customer number, so that two customers rarely share a
   * key. Two draws, as many as a name alone takes, so the rows drawn after it stay as they were.
   */
  private static String dealershipCustomer(SplittableRandom rng) {
    long first = rng.nextLong();
    String last = LAST_NAMES[rng.nextInt(LAST_NAMES.length)];
    return FIRST_NAMES[(int) (first & 7)]
        + " "
        + last
        + " "
        + (100_000 + Math.floorMod(first >>> 3, 900_000L));
  }

  /**
   * One of the few regular customers of the concentrated-customers partner, written like its type's
   * other customers but outside their ranges, so no natural customer shares the key.
   */
  private static String regular(PartnerType type, int k) {
    return switch (type) {
      case DELIVERY -> "guest" + (50_000 + k) + "@example.net";
      case DEALERSHIP -> FIRST_NAMES[k] + " " + LAST_NAMES[k] + " " + (1_000_000 + k);
      default -> "CUST-" + (1_000_000 + k);
    };
  }

  /**
   * A comment quoting the partner asking for a score: one of the solicitation phrases, in one of
   * three spellings (as configured, capitalised, upper case), after the natural comment if any.
   */
  private static String solicitation(SplittableRandom rng, String comment) {
    String phrase =
        IntegrityFlag.SOLICITATION_PHRASES.get(
            rng.nextInt(IntegrityFlag.SOLICITATION_PHRASES.size()));
    phrase =
        switch (rng.nextInt(3)) {
          case 0 -> phrase;
          case 1 -> Character.toUpperCase(phrase.charAt(0)) + phrase.substring(1);
          default -> phrase.toUpperCase(Locale.ROOT);
        };
    String said =
        switch (rng.nextInt(3)) {
          case 0 -> "Staff said: " + phrase + "!";
          case 1 -> "The receipt says " + phrase + ".";
          default -> "They kept asking: " + phrase + ".";
        };
    return comment == null ? said : comment + " " + said;
  }

  static int poisson(SplittableRandom rng, double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 30) {
      return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * rng.nextGaussian()));
    }
    double limit = Math.exp(-mean);
    double product = rng.nextDouble();
    int n = 0;
    while (product > limit) {
      product *= rng.nextDouble();
      n++;
    }
    return n;
  }

  private static double exponential(SplittableRandom rng, double mean) {
    return -mean * Math.log(1 - rng.nextDouble());
  }

  private static int clamp(int v, int min, int max) {
    return Math.max(min, Math.min(max, v));
  }
}
