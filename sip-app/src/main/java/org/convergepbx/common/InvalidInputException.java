package org.convergepbx.common;

/** Input refused at the edge; {@link #field()} names the offending field (JSON field, CSV column or SIP header). */
public class InvalidInputException extends RuntimeException {
  private final String field;

  public InvalidInputException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
