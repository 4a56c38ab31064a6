package com.partnercx.conform;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.when;

import com.partnercx.errors.PcxErrors;
import org.apache.spark.sql.Column;

/**
 * Keeps raw personal data out of silver: customer identifiers become salted SHA-256 keys, and
 * e-mail addresses and phone numbers inside free text are masked.
 */
public final class PiiProtection {
  /** Environment variable holding the salt; keep it secret and stable, or keys stop matching. */
  public static final String SALT_ENV = "PCX_PII_SALT";

  static final String DEVELOPMENT_SALT = "partner-cx-development-salt";

  /**
   * E-mail addresses, with letters of any script ({@code jörg@müller.de}) and in the spelled-out
   * forms people use to dodge filters ({@code anna(at)example.com}, {@code anna [at] example [dot]
   * com}).
   */
  static final String EMAIL_PATTERN =
      "(?i)[\\p{L}\\p{N}._%+-]+(?:@|\\s*[(\\[{]\\s*at\\s*[)\\]}]\\s*)[\\p{L}\\p{N}-]+"
          + "(?:(?:\\.|\\s*[(\\[{]\\s*dot\\s*[)\\]}]\\s*)[\\p{L}\\p{N}-]+)*"
          + "(?:\\.|\\s*[(\\[{]\\s*dot\\s*[)\\]}]\\s*)\\p{L}{2,}";

  /**
   * International or local numbers of 8+ digits, allowing spaces, dots, dashes, slashes ({@code
   * 0170/1234567}) and brackets; dates ({@code 2026-07-01}, {@code 01.07.2026}, {@code 1/7/2026})
   * are left alone.
   */
  static final String PHONE_PATTERN =
      "(?<![\\p{L}\\p{N}])(?!\\d{4}-\\d{1,2}-\\d{1,2}(?!\\d))"
          + "(?!\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}(?![\\d./-]*\\d))"
          + "\\+?\\(?\\d[\\d ()./-]{6,}\\d";

  static final String EMAIL_MASK = "[email]";
  static final String PHONE_MASK = "[phone]";

  private PiiProtection() {}

  /**
   * JVM system property that allows the development salt when {@link #SALT_ENV} is not set: set by
   * {@code pcx demo} (sample data only) and by the tests, never by a production command.
   */
  public static final String DEVELOPMENT_SALT_PROPERTY = "pcx.pii.developmentSalt";

  /**
   * The salt from {@link #SALT_ENV}; the development salt only where {@link
   * #DEVELOPMENT_SALT_PROPERTY} allows it. Otherwise conform refuses to run: a salt anyone can read
   * in the source would let customer keys be reversed from a guess list.
   */
  public static String salt() {
    return salt(System.getenv(SALT_ENV), Boolean.getBoolean(DEVELOPMENT_SALT_PROPERTY));
  }

  /** The salt given {@link #SALT_ENV}'s value and whether the development salt is allowed. */
  static String salt(String configured, boolean developmentAllowed) {
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    if (developmentAllowed) {
      return DEVELOPMENT_SALT;
    }
    throw PcxErrors.piiSaltMissing(SALT_ENV);
  }

  public static boolean usingDevelopmentSalt() {
    return salt().equals(DEVELOPMENT_SALT);
  }

  /**
   * Salted SHA-256 of an identifier, lower-cased first so the same e-mail address in another case
   * is the same customer; null stays null.
   */
  static Column hashIdentifier(Column identifier, String salt) {
    return when(identifier.isNotNull(), sha2(concat(lit(salt), lower(identifier)), 256));
  }

  /** Free text with e-mail addresses and phone numbers replaced by placeholders. */
  static Column maskFreeText(Column text) {
    return regexp_replace(
        regexp_replace(text, EMAIL_PATTERN, EMAIL_MASK), PHONE_PATTERN, PHONE_MASK);
  }
}
