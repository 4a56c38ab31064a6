package com.partnercx.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Columns a feed's rows take from another feed's rows by key, for an extract whose partner (or any
 * other field) sits on another file: an order export without seller, whose order-items file maps
 * each order to its sellers. Every row of the other feed delivered so far that matches gives one
 * row, so an order of two sellers counts once for each; a row that matches none is quarantined as
 * {@code lookup_not_found}.
 *
 * @param feed the feed whose rows are looked up (usually {@code entity: reference})
 * @param on this feed's column -> the looked-up feed's column, compared for equality
 * @param take the looked-up feed's column -> the name the value gets on this feed's rows, which the
 *     column mapping can then use like any source column
 */
public record Lookup(String feed, Map<String, String> on, Map<String, String> take) {
  public Lookup {
    on = Collections.unmodifiableMap(new LinkedHashMap<>(on));
    take = Collections.unmodifiableMap(new LinkedHashMap<>(take));
  }

  /** The names the lookups give the columns they take: columns no file of the feed carries. */
  public static Set<String> takenColumns(List<Lookup> lookups) {
    Set<String> names = new LinkedHashSet<>();
    lookups.forEach(l -> names.addAll(l.take().values()));
    return names;
  }
}
