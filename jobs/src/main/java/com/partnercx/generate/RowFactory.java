package com.partnercx.generate;

import com.partnercx.schema.Entity;
import java.time.LocalDate;
import java.time.ZoneId;
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

  private final double eventsPerPartnerDay;

  RowFactory(double eventsPerPartnerDay) {
    this.eventsPerPartnerDay = eventsPerPartnerDay;
  }

  /** Mean service events per day of a partner. */
  double eventsMean(SyntheticPartner p) {
    return eventsPerPartnerDay * p.type().volume() * p.volume();
  }

  void rows(
      Entity entity,
      SyntheticPartner p,
      LocalDate day,
      SplittableRandom rng,
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
          out.accept(serviceEvent(p, dayStart, stamp, i, rng));
        }
      }
      case SURVEY_RESPONSE -> {
        int n = poisson(rng, events * 0.7 * p.surveyRate());
        for (int i = 1; i <= n; i++) {
          boolean promoter = rng.nextDouble() < 0.2 + 0.6 * q;
          boolean detractor = !promoter && rng.nextDouble() < (0.35 - 0.3 * q) / (0.8 - 0.6 * q);
          int nps = promoter ? 9 + rng.nextInt(2) : detractor ? rng.nextInt(7) : 7 + rng.nextInt(2);
          int csat = rng.nextDouble() < 0.55 + 0.4 * q ? 4 + rng.nextInt(2) : 1 + rng.nextInt(3);
          int ces = clamp((int) Math.round(4.5 - 2.5 * q + rng.nextGaussian()), 1, 7);
          String comment = rng.nextDouble() < 0.35 ? comment(rng, promoter) : null;
          out.accept(
              new Object[] {
                p.id(),
                "S-" + p.id() + "-" + stamp + "-" + i,
                eventRef(p, day, rng),
                dayStart + 8 * 3600 + rng.nextInt(14 * 3600),
                nps,
                csat,
                ces,
                comment
              });
        }
      }
      case COMPLAINT -> {
        int n = poisson(rng, events * (0.03 - 0.025 * q) + 0.02);
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
      SyntheticPartner p, long dayStart, String stamp, int seq, SplittableRandom rng) {
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
        switch (type) {
          case DELIVERY -> "guest" + rng.nextInt(50_000) + "@example.net";
          case DEALERSHIP -> firstName(rng) + " " + lastName(rng);
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

  private static String firstName(SplittableRandom rng) {
    String[] names = {"Jürgen", "Anna", "Björn", "Sophie", "Mehmet", "Zoë", "Lukas", "Chloé"};
    return names[rng.nextInt(names.length)];
  }

  private static String lastName(SplittableRandom rng) {
    String[] names = {
      "Weiß", "Müller", "Schäfer", "Öztürk", "Krause", "Brandt", "Hoffmann", "Groß"
    };
    return names[rng.nextInt(names.length)];
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
