package jp.grants.ledger.grant.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import jp.grants.contracts.ExpenseCategory;

/** Stores a set of expense categories as a comma-separated list of their names. */
@Converter
public class ExpenseCategoriesConverter
    implements AttributeConverter<Set<ExpenseCategory>, String> {
  @Override
  public String convertToDatabaseColumn(Set<ExpenseCategory> categories) {
    return categories == null
        ? ""
        : categories.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
  }

  @Override
  public Set<ExpenseCategory> convertToEntityAttribute(String column) {
    Set<ExpenseCategory> categories = EnumSet.noneOf(ExpenseCategory.class);
    if (column != null && !column.isBlank()) {
      Arrays.stream(column.split(",")).map(ExpenseCategory::valueOf).forEach(categories::add);
    }
    return categories;
  }
}
