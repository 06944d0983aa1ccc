package org.convergepbx.common;

/** A change that collides with what is stored (a duplicate key); nothing was changed. */
public class ConflictException extends RuntimeException {
  private final String field;

  public ConflictException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
