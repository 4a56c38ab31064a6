package com.partnercx.config;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated configuration: programs, partner master data and feeds.
 *
 * @param programs programs by id, in file order
 * @param partners every partner master-data version, in file order
 * @param feeds feeds by id, sorted by id
 * @param hash SHA-256 over every configuration file but the review notes, recorded with each output
 *     row
 * @param reviewNotes the partner managers' notes of every period (review_notes/), which the PDFs
 *     print and no figure depends on
 */
public record PcxConfig(
    Map<String, Program> programs,
    List<Partner> partners,
    Map<String, Feed> feeds,
    String hash,
    List<ReviewNote> reviewNotes) {

  public PcxConfig {
    programs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(programs));
    partners = List.copyOf(partners);
    reviewNotes = List.copyOf(reviewNotes);
    feeds = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(feeds));
  }

  /** The review notes of a partner written for a period, in file order. */
  public List<ReviewNote> reviewNotes(String partnerId, String period) {
    return reviewNotes.stream()
        .filter(n -> n.partnerId().equals(partnerId) && n.period().equals(period))
        .toList();
  }

  public Program program(String id) {
    Program program = programs.get(id);
    if (program == null) {
      throw new IllegalArgumentException("No program " + id);
    }
    return program;
  }

  /** The master-data version of a partner valid on a day. */
  public Optional<Partner> partnerOn(String partnerId, LocalDate day) {
    return partners.stream()
        .filter(p -> p.partnerId().equals(partnerId) && p.validOn(day))
        .findFirst();
  }

  /** The latest master-data version of a partner. */
  public Optional<Partner> latestPartner(String partnerId) {
    return partners.stream()
        .filter(p -> p.partnerId().equals(partnerId))
        .max(java.util.Comparator.comparing(Partner::validFrom));
  }
}
