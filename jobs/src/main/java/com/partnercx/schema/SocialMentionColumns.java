package com.partnercx.schema;

/** Column names of {@code silver/social_mention}. */
public final class SocialMentionColumns {
  private SocialMentionColumns() {}

  /** The id of the public post. */
  public static final String MENTION_ID = "mention_id";

  /** When it was posted (UTC). */
  public static final String POSTED_AT = "posted_at";

  /** Where it was posted. */
  public static final String PLATFORM = "platform";

  /** Sentiment score, -1..1. */
  public static final String SENTIMENT = "sentiment";

  /** The post's text, PII masked. */
  public static final String TEXT = "text";
}
