package org.convergepbx.trunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.convergepbx.common.InvalidInputException;
import org.junit.jupiter.api.Test;

class DialPatternTest {
  @Test
  void aPrefixIsStrippedAndTheRestMatchedThenPrepended() {
    DialPattern national = new DialPattern("", "0", "ZXXXXXXXX", "");
    assertEquals(Optional.of("612345678"), national.apply("0612345678", "1001"));
    assertEquals(Optional.empty(), national.apply("0012345678", "1001"), "Z is 1-9");
    assertEquals(Optional.empty(), national.apply("061234567", "1001"), "one digit short");
    DialPattern international = new DialPattern("+", "00", "X.", "");
    assertEquals(Optional.of("+33123456789"), international.apply("0033123456789", "1001"));
    assertEquals(Optional.empty(), international.apply("00", "1001"), ". is one or more");
  }

  @Test
  void setsRangesNAndBangFollowFreePbx() {
    DialPattern sites = new DialPattern("", "", "[1237-9]XXX", "");
    assertEquals(Optional.of("3001"), sites.apply("3001", null));
    assertEquals(Optional.of("8999"), sites.apply("8999", null));
    assertEquals(Optional.empty(), sites.apply("4001", null));
    assertEquals(Optional.of("2345"), new DialPattern("", "", "NXXX", "").apply("2345", null));
    assertEquals(Optional.empty(), new DialPattern("", "", "NXXX", "").apply("1345", null));
    assertEquals(Optional.of(""), new DialPattern("", "9", "!", "").apply("9", null), "! is zero or more");
    assertEquals(Optional.of("123"), new DialPattern("", "9", "", "").apply("9123", null), "no match pattern: any rest");
  }

  @Test
  void aCallerIdPatternLimitsWhoTheRouteIsFor() {
    DialPattern sales = new DialPattern("", "9", "X.", "2XXX");
    assertEquals(Optional.of("5551234"), sales.apply("95551234", "2001"));
    assertEquals(Optional.empty(), sales.apply("95551234", "1001"));
    assertEquals(Optional.empty(), sales.apply("95551234", null));
  }

  @Test
  void badPatternsAreRefusedNamingThePart() {
    assertEquals("patterns[0].match", assertThrows(InvalidInputException.class,
        () -> new DialPattern("", "", "X.X", "").validated("patterns[0]")).field());
    assertEquals("patterns[1].match", assertThrows(InvalidInputException.class,
        () -> new DialPattern("", "", "[a-z]", "").validated("patterns[1]")).field());
    assertEquals("patterns[0].prefix", assertThrows(InvalidInputException.class,
        () -> new DialPattern("", "9a", "X", "").validated("patterns[0]")).field());
    assertEquals("patterns[0].match", assertThrows(InvalidInputException.class,
        () -> new DialPattern("", "", "", "").validated("patterns[0]")).field());
    assertEquals("patterns[0].callerId", assertThrows(InvalidInputException.class,
        () -> new DialPattern("", "9", "", "Q").validated("patterns[0]")).field());
    assertEquals("0+9|X./2XXX", new DialPattern("0", "9", "x.", "2xxx").text());
  }
}
