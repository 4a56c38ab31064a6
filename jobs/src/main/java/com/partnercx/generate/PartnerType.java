package com.partnercx.generate;

import com.partnercx.schema.Entity;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The kinds of partner a brand works through, each an incentive program in the generated
 * configuration, with what it delivers and how its service works.
 */
enum PartnerType {
  DELIVERY(
      "delivery",
      "Food delivery partners",
      "D",
      List.of(
          "Trattoria",
          "Burger Lab",
          "Sushi Bar",
          "Curry House",
          "Green Bowl",
          "Pizzeria",
          "Noodle Shop",
          "Taqueria"),
      EnumSet.of(
          Entity.SERVICE_EVENT,
          Entity.SURVEY_RESPONSE,
          Entity.COMPLAINT,
          Entity.SOCIAL_MENTION,
          Entity.DIGITAL_SESSION),
      2.0,
      25,
      50,
      9000),
  INSTALLER(
      "installer",
      "Installation subcontractors",
      "I",
      List.of(
          "Heating & Plumbing",
          "Solar Systems",
          "FixIt Services",
          "Home Installations",
          "Kitchen Fitters"),
      EnumSet.of(Entity.SERVICE_EVENT, Entity.SURVEY_RESPONSE, Entity.COMPLAINT, Entity.HANDOFF),
      0.6,
      60 * 24,
      60 * 96,
      20000),
  DEALERSHIP(
      "dealership",
      "Dealerships",
      "A",
      List.of("Autohaus", "Motors", "Car Center", "Automobile"),
      EnumSet.of(
          Entity.SERVICE_EVENT,
          Entity.SURVEY_RESPONSE,
          Entity.COMPLAINT,
          Entity.SOCIAL_MENTION,
          Entity.HANDOFF),
      0.8,
      60 * 2,
      60 * 8,
      30000),
  FRANCHISE(
      "franchise",
      "Franchise locations",
      "F",
      List.of("Coffee Corner", "Bakery", "Fitness Studio", "Burger Station"),
      EnumSet.of(
          Entity.SERVICE_EVENT,
          Entity.SURVEY_RESPONSE,
          Entity.COMPLAINT,
          Entity.SOCIAL_MENTION,
          Entity.DIGITAL_SESSION),
      1.5,
      5,
      20,
      12000),
  BROKER(
      "broker",
      "Insurance brokers",
      "B",
      List.of("Insurance Brokers", "Assekuranz", "Risk Partners", "Finanzberatung"),
      EnumSet.of(Entity.SERVICE_EVENT, Entity.SURVEY_RESPONSE, Entity.COMPLAINT, Entity.HANDOFF),
      0.7,
      60 * 24,
      60 * 24 * 5,
      15000),
  RETAIL(
      "retail",
      "Retail partners",
      "R",
      List.of("Electronics", "Home Store", "Sports Shop", "Garden Center"),
      EnumSet.of(
          Entity.SERVICE_EVENT, Entity.SURVEY_RESPONSE, Entity.COMPLAINT, Entity.SOCIAL_MENTION),
      1.0,
      60 * 24,
      60 * 72,
      10000),
  FINTECH(
      "fintech",
      "Payment app integrations",
      "P",
      List.of("Pay", "Wallet", "Checkout", "Payments"),
      EnumSet.of(
          Entity.SERVICE_EVENT, Entity.COMPLAINT, Entity.DIGITAL_SESSION, Entity.SOCIAL_MENTION),
      3.0,
      1,
      10,
      25000);

  private final String programId;
  private final String programName;
  private final String idPrefix;
  private final List<String> nameStems;
  private final Set<Entity> entities;
  private final double volume;
  private final int leadMinMinutes;
  private final int leadMaxMinutes;
  private final int baseIncentive;

  PartnerType(
      String programId,
      String programName,
      String idPrefix,
      List<String> nameStems,
      Set<Entity> entities,
      double volume,
      int leadMinMinutes,
      int leadMaxMinutes,
      int baseIncentive) {
    this.programId = programId;
    this.programName = programName;
    this.idPrefix = idPrefix;
    this.nameStems = nameStems;
    this.entities = entities;
    this.volume = volume;
    this.leadMinMinutes = leadMinMinutes;
    this.leadMaxMinutes = leadMaxMinutes;
    this.baseIncentive = baseIncentive;
  }

  String programId() {
    return programId;
  }

  String programName() {
    return programName;
  }

  String idPrefix() {
    return idPrefix;
  }

  List<String> nameStems() {
    return nameStems;
  }

  boolean delivers(Entity entity) {
    return entities.contains(entity);
  }

  /** Service events per day relative to the average partner. */
  double volume() {
    return volume;
  }

  /** Minutes between booking and the promised time. */
  int leadMinMinutes() {
    return leadMinMinutes;
  }

  int leadMaxMinutes() {
    return leadMaxMinutes;
  }

  /** Typical quarterly base incentive, in EUR. */
  int baseIncentive() {
    return baseIncentive;
  }
}
