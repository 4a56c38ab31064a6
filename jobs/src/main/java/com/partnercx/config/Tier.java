package com.partnercx.config;

/**
 * One tier of a program's ladder.
 *
 * @param name the tier's name (platinum, gold, ...)
 * @param minComposite the lowest composite CX index that reaches this tier
 * @param payoutPercent the share of the partner's base incentive paid at this tier, in percent
 */
public record Tier(String name, double minComposite, double payoutPercent) {}
