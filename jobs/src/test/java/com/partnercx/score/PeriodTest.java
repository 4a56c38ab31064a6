package com.partnercx.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.partnercx.errors.PcxException;
import com.partnercx.schema.Period;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PeriodTest {
  @Test
  void parsesQuartersAndMonths() {
    Period q3 = Period.parse("2026-Q3");
    assertEquals(LocalDate.of(2026, 7, 1), q3.start());
    assertEquals(LocalDate.of(2026, 10, 1), q3.end());
    assertEquals(3, q3.months());
    assertTrue(q3.contains(LocalDate.of(2026, 9, 30)));
    assertFalse(q3.contains(LocalDate.of(2026, 10, 1)));

    Period september = Period.parse("2026-09");
    assertEquals(LocalDate.of(2026, 9, 1), september.start());
    assertEquals(LocalDate.of(2026, 10, 1), september.end());
    assertEquals(1, september.months());
  }

  @Test
  void previousCrossesYears() {
    assertEquals(Period.parse("2025-Q4"), Period.parse("2026-Q1").previous());
    assertEquals(Period.parse("2025-12"), Period.parse("2026-01").previous());
    assertEquals(Period.parse("2026-Q3"), Period.quarterOf(LocalDate.of(2026, 8, 15)));
  }

  @Test
  void rejectsAnythingElseWithTheAcceptedForms() {
    PcxException e = assertThrows(PcxException.class, () -> Period.parse("2026-Q5"));
    assertEquals(
        "Period '2026-Q5' is not understood. Use a quarter such as 2026-Q3 or a month such as 2026-09.",
        e.getMessage());
    assertThrows(PcxException.class, () -> Period.parse("2026-13"));
  }
}
