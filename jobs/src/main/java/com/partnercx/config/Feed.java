package com.partnercx.config;

import com.partnercx.schema.Entity;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A partner extract: who sends it, what it holds and how to read it, from feeds/&lt;id&gt;.yaml.
 *
 * @param id the feed id; also its landing folder name and bronze table name
 * @param entity the canonical entity its rows map to
 * @param partners the partners that deliver it (checked against partners.csv)
 * @param format csv or jsonl
 * @param csv CSV options (defaults for a JSON Lines feed)
 * @param timeZone the time zone of the feed's local timestamps
 * @param timestampFormats patterns tried in order to parse timestamps
 * @param columns canonical field -> source column
 * @param constants canonical field -> constant value, for fields the feed does not carry
 * @param requiredColumns source columns a file must have to be read at all
 * @param schedule when deliveries are expected
 * @param quality when a feed-day fails the data-quality gate
 * @param plausible the values its rows may plausibly hold
 */
public record Feed(
    String id,
    Entity entity,
    List<String> partners,
    FeedFormat format,
    CsvOptions csv,
    ZoneId timeZone,
    List<String> timestampFormats,
    Map<String, String> columns,
    Map<String, String> constants,
    List<String> requiredColumns,
    DeliverySchedule schedule,
    QualityGate quality,
    Plausibility plausible) {

  public Feed {
    partners = List.copyOf(partners);
    timestampFormats = List.copyOf(timestampFormats);
    columns = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(columns));
    constants = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(constants));
    requiredColumns = List.copyOf(requiredColumns);
  }
}
