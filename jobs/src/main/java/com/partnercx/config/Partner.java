package com.partnercx.config;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A partner's master-data version, one row of partners.csv.
 *
 * @param partnerId the brand's id of the partner
 * @param name display name
 * @param programId the incentive program the partner belongs to
 * @param region sales region, for peer tables
 * @param baseIncentive incentive amount per quarter at 100% payout, in the program's currency
 * @param validFrom first day this version applies
 * @param validTo last day this version applies, empty while current
 */
public record Partner(
    String partnerId,
    String name,
    String programId,
    String region,
    BigDecimal baseIncentive,
    LocalDate validFrom,
    Optional<LocalDate> validTo) {

  public boolean validOn(LocalDate day) {
    return !day.isBefore(validFrom) && validTo.map(to -> !day.isAfter(to)).orElse(true);
  }
}
