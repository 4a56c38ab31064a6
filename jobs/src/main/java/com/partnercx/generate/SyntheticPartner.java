package com.partnercx.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A generated partner with its hidden true quality, which drives every rate the generator draws, so
 * scorecards differ for real reasons.
 *
 * @param id partner id (D-001 ...)
 * @param name display name
 * @param type partner type, i.e. program
 * @param region sales region
 * @param baseIncentive quarterly base incentive in EUR
 * @param quality hidden quality in [0, 1]: 1 is excellent
 * @param volume service events per day relative to its type's average
 * @param surveyRate share of completed events that get a survey answer
 * @param index position in the roster (0-based), for stable per-partner seeds
 */
record SyntheticPartner(
    String id,
    String name,
    PartnerType type,
    String region,
    int baseIncentive,
    double quality,
    double volume,
    double surveyRate,
    int index) {

  static final List<String> REGIONS = List.of("Nord", "Süd", "Ost", "West", "Mitte");
  private static final List<String> CITIES =
      List.of(
          "Hamburg",
          "München",
          "Berlin",
          "Köln",
          "Leipzig",
          "Frankfurt",
          "Düsseldorf",
          "Dresden",
          "Stuttgart",
          "Nürnberg",
          "Bremen",
          "Hannover");

  /**
   * The partner's archetype: its 1-based number within its type, modulo 7. 1 is clearly excellent,
   * 4 clearly poor, 6 small with very few surveys; the others draw a middling quality.
   */
  int archetype() {
    return (index / PartnerType.values().length + 1) % 7;
  }

  /** The same partner answering surveys at another rate. */
  SyntheticPartner withSurveyRate(double rate) {
    return new SyntheticPartner(
        id, name, type, region, baseIncentive, quality, volume, rate, index);
  }

  /**
   * The roster: types in turn so every program has partners, a few clearly excellent and clearly
   * poor partners in each, and some with very few surveys.
   */
  static List<SyntheticPartner> roster(int count, long seed) {
    SplittableRandom rng = new SplittableRandom(seed ^ 0x5eedL);
    PartnerType[] types = PartnerType.values();
    int[] perType = new int[types.length];
    List<SyntheticPartner> partners = new ArrayList<>(count);
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < count; i++) {
      PartnerType type = types[i % types.length];
      int n = ++perType[type.ordinal()];
      double quality;
      int archetype = n % 7;
      if (archetype == 1) {
        quality = 0.88 + 0.12 * rng.nextDouble(); // clearly excellent
      } else if (archetype == 4) {
        quality = 0.05 + 0.2 * rng.nextDouble(); // clearly poor
      } else {
        quality = 0.3 + 0.55 * rng.nextDouble();
      }
      double volume = Math.exp(rng.nextGaussian() * 0.45);
      double surveyRate = 0.06 + 0.14 * rng.nextDouble();
      if (archetype == 6) {
        volume *= 0.15; // a small partner with very few surveys
        surveyRate = 0.01;
      }
      String city = CITIES.get(rng.nextInt(CITIES.size()));
      String stem = type.nameStems().get(rng.nextInt(type.nameStems().size()));
      String name = stem + " " + city;
      if (!names.add(name)) {
        name = name + " " + n;
        names.add(name);
      }
      int base =
          (int) Math.round(type.baseIncentive() * (0.6 + 0.8 * rng.nextDouble()) / 100.0) * 100;
      partners.add(
          new SyntheticPartner(
              String.format(Locale.ROOT, "%s-%03d", type.idPrefix(), n),
              name,
              type,
              REGIONS.get(rng.nextInt(REGIONS.size())),
              base,
              quality,
              volume,
              surveyRate,
              i));
    }
    return partners;
  }
}
