package com.partnercx.cli;

import com.partnercx.errors.PcxException;
import com.partnercx.schema.Period;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses --period, so a malformed period is a usage error (exit code 2) with the accepted forms.
 */
final class PeriodConverter implements ITypeConverter<Period> {
  @Override
  public Period convert(String value) {
    try {
      return Period.parse(value);
    } catch (PcxException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
