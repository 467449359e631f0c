package jp.grants.catalog;

/** The catalog is invalid: names the entry and the rule it breaks. */
public class CatalogException extends RuntimeException {
  private final String entry;
  private final String rule;

  public CatalogException(String entry, String rule, String message) {
    super("program catalog entry " + entry + " breaks " + rule + ": " + message);
    this.entry = entry;
    this.rule = rule;
  }

  public String entry() {
    return entry;
  }

  public String rule() {
    return rule;
  }
}
