package com.partnercx.score;

import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Sums of doubles that do not depend on the order Spark adds the rows in. A double sum rounds after
 * every addition, so a day or a period recomputed from files laid out otherwise can end in other
 * last digits (617.2499999999999 against 617.25). Here each value is taken as a decimal of 18
 * places, the decimals are added exactly, and the total is rounded to a double once.
 */
final class ExactSum {
  private ExactSum() {}

  /** Room for 20 integer digits: sums of minutes or sentiments stay far below. */
  static final DataType EXACT = DataTypes.createDecimalType(38, 18);

  /** The sum of a double column, the same whatever the order of its rows. */
  static Column of(Column values) {
    return sum(values.cast(EXACT)).cast(DataTypes.DoubleType);
  }
}
