package com.partnercx.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The fixed metric ids of DESIGN.md "Metrics". Programs choose among them; ids never change. */
public enum MetricId {
  NPS("nps", false),
  CSAT("csat", true),
  CES("ces", false),
  ON_TIME_RATE("on_time_rate", true),
  AVG_DELAY_MIN("avg_delay_min", false),
  CANCELLATION_RATE("cancellation_rate", true),
  FIRST_TIME_FIX_RATE("first_time_fix_rate", true),
  CONDITION_ISSUE_RATE("condition_issue_rate", true),
  COMPLAINTS_PER_1K("complaints_per_1k", false),
  COMPLAINT_SLA_RATE("complaint_sla_rate", true),
  FIRST_CONTACT_RESOLUTION("first_contact_resolution", true),
  SOCIAL_SENTIMENT("social_sentiment", false),
  CART_ABANDONMENT_RATE("cart_abandonment_rate", true),
  HANDOFF_ACK_RATE("handoff_ack_rate", true),
  FEED_TIMELINESS("feed_timeliness", true);

  private final String id;
  private final boolean rate;

  MetricId(String id, boolean rate) {
    this.id = id;
    this.rate = rate;
  }

  /** The id used in programs.yaml, in gold tables and on the PDF. */
  public String id() {
    return id;
  }

  /** Whether the value is a proportion in [0, 1] (Wilson interval, eligible for shrinkage). */
  public boolean isRate() {
    return rate;
  }

  public static Optional<MetricId> byId(String id) {
    return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(MetricId::id).toList();
  }
}
