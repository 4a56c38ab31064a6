package com.partnercx.score;

/**
 * A partner's gold/partner_daily rows summed over a period: the inputs of its metrics.
 *
 * @param partnerId the partner
 * @param programId its program at the end of the period
 * @param events events with a known status
 * @param completed completed events
 * @param cancelled cancelled events
 * @param timed completed events with promised and fulfilled times
 * @param onTime timed events fulfilled within the grace
 * @param delayMinutes sum of lateness in minutes over timed events
 */
public record PeriodCounts(
    String partnerId,
    String programId,
    long events,
    long completed,
    long cancelled,
    long timed,
    long onTime,
    double delayMinutes) {}
