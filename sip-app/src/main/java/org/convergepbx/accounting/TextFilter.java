package org.convergepbx.accounting;

/** A filter on one text field: {@code value} matched as {@code match} says. */
public record TextFilter(String value, TextMatch match) {}
