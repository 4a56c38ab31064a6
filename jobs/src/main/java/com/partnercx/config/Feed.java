package com.partnercx.config;

import com.partnercx.schema.Entity;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A partner extract: who sends it, what it holds and how to read it, from feeds/&lt;id&gt;.yaml.
 *
 * @param id the feed id; also its landing folder name and bronze table name
 * @param entity the canonical entity its rows map to; null for a reference feed, whose rows are
 *     only looked up by other feeds
 * @param partners the partners that deliver it (checked against partners.csv); every partner of
 *     partners.csv when the file says {@code partners: all}
 * @param format csv or jsonl
 * @param csv CSV options (defaults for a JSON Lines feed)
 * @param timeZone the time zone of the feed's local timestamps
 * @param timestampFormats patterns tried in order to parse timestamps
 * @param dateFormats patterns tried after {@code timestampFormats} for values that are a date only
 * @param dateOnlyFields timestamp fields whose time of day is ignored: the value is its date
 * @param columns canonical field -> source column
 * @param constants canonical field -> constant value, for fields the feed does not carry
 * @param values canonical field -> (source value, compared ignoring case -> canonical value)
 * @param requiredColumns source columns a file must have to be read at all; a file without one of
 *     the other mapped columns is read with that field empty
 * @param lookups columns taken from other feeds' rows by key, before the column mapping applies
 * @param schedule when deliveries are expected; null for a feed without a delivery schedule
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
    List<String> dateFormats,
    Set<String> dateOnlyFields,
    Map<String, String> columns,
    Map<String, String> constants,
    Map<String, Map<String, String>> values,
    List<String> requiredColumns,
    List<Lookup> lookups,
    DeliverySchedule schedule,
    QualityGate quality,
    Plausibility plausible) {

  public Feed {
    partners = List.copyOf(partners);
    timestampFormats = List.copyOf(timestampFormats);
    dateFormats = List.copyOf(dateFormats);
    dateOnlyFields = Collections.unmodifiableSet(new TreeSet<>(dateOnlyFields));
    columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
    Map<String, Map<String, String>> copy = new LinkedHashMap<>();
    values.forEach(
        (field, map) -> copy.put(field, Collections.unmodifiableMap(new LinkedHashMap<>(map))));
    values = Collections.unmodifiableMap(copy);
    requiredColumns = List.copyOf(requiredColumns);
    lookups = List.copyOf(lookups);
  }

  /** The {@code entity} word of a feed whose rows other feeds look up and that is not conformed. */
  public static final String REFERENCE = "reference";

  /** Whether the feed only serves lookups of other feeds ({@code entity: reference}). */
  public boolean isReference() {
    return entity == null;
  }

  /** The entity's id, or {@link #REFERENCE}. */
  public String entityId() {
    return entity == null ? REFERENCE : entity.id();
  }

  /** The column names the lookups add to this feed's rows: not columns of its files. */
  public java.util.Set<String> lookedUpColumns() {
    return Lookup.takenColumns(lookups);
  }

  /**
   * The mapped source columns a file may lack (its fields are then empty): neither required nor
   * taken by a lookup.
   */
  public List<String> optionalColumns() {
    return columns.values().stream()
        .distinct()
        .filter(c -> !requiredColumns.contains(c))
        .filter(c -> !lookedUpColumns().contains(c))
        .toList();
  }

  /** Whether deliveries are expected on a schedule ({@code schedule: none} says they are not). */
  public boolean scheduled() {
    return schedule != null;
  }

  /** This feed requiring other columns of its files. */
  public Feed withRequiredColumns(List<String> required) {
    return with(columns, values, dateFormats, dateOnlyFields, required);
  }

  /** This feed with another column mapping, every column of it required. */
  public Feed withColumns(Map<String, String> newColumns) {
    return with(
        newColumns,
        values,
        dateFormats,
        dateOnlyFields,
        List.copyOf(new java.util.LinkedHashSet<>(newColumns.values())));
  }

  /** This feed with another value mapping. */
  public Feed withValues(Map<String, Map<String, String>> newValues) {
    return with(columns, newValues, dateFormats, dateOnlyFields, requiredColumns);
  }

  /** This feed with other date handling. */
  public Feed withDates(List<String> newDateFormats, Set<String> newDateOnlyFields) {
    return with(columns, values, newDateFormats, newDateOnlyFields, requiredColumns);
  }

  private Feed with(
      Map<String, String> newColumns,
      Map<String, Map<String, String>> newValues,
      List<String> newDateFormats,
      Set<String> newDateOnlyFields,
      List<String> newRequired) {
    return new Feed(
        id,
        entity,
        partners,
        format,
        csv,
        timeZone,
        timestampFormats,
        newDateFormats,
        newDateOnlyFields,
        newColumns,
        constants,
        newValues,
        newRequired,
        lookups,
        schedule,
        quality,
        plausible);
  }
}
