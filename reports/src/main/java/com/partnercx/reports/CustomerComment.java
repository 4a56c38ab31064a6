package com.partnercx.reports;

import java.time.LocalDate;

/**
 * A customer's comment from a survey response, PII already masked.
 *
 * @param day the day it was given, in the program's zone
 * @param nps the likelihood to recommend 0..10, or null
 * @param csat satisfaction 1..5, or null
 * @param ces customer effort 1..7, or null
 * @param text the comment
 */
public record CustomerComment(LocalDate day, Integer nps, Integer csat, Integer ces, String text) {

  /** Longest comment printed; a longer one ends in an ellipsis. */
  static final int MAX_CHARS = 240;

  /** "2026-09-14 · NPS 2/10, CSAT 1/5: “Food arrived cold.”" */
  String line() {
    StringBuilder scores = new StringBuilder();
    if (nps != null) {
      scores.append("NPS ").append(nps).append("/10");
    }
    if (csat != null) {
      scores.append(scores.isEmpty() ? "" : ", ").append("CSAT ").append(csat).append("/5");
    }
    if (ces != null) {
      scores.append(scores.isEmpty() ? "" : ", ").append("effort ").append(ces).append("/7");
    }
    String flat = text.strip().replaceAll("\\s+", " ");
    if (flat.length() > MAX_CHARS) {
      flat = flat.substring(0, MAX_CHARS - 1).strip() + "\u2026";
    }
    return day + (scores.isEmpty() ? "" : " \u00b7 " + scores) + ": \u201c" + flat + "\u201d";
  }
}
