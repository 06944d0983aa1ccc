package org.convergepbx.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScannerAgentsTest {
  @Test
  void knownScannersAreRecognisedAndPhonesAreNot() {
    assertTrue(ScannerAgents.isScanner("friendly-scanner"));
    assertTrue(ScannerAgents.isScanner("sipvicious-0.3.4"));
    assertTrue(ScannerAgents.isScanner("sipcli/v1.8"));
    assertTrue(ScannerAgents.isScanner("VaxSIPUserAgent/3.1"));
    assertFalse(ScannerAgents.isScanner("Linphone/5.1.0 (belle-sip/5.1.0)"));
    assertFalse(ScannerAgents.isScanner("baresip v1.0.0 (x86_64/linux)"));
    assertFalse(ScannerAgents.isScanner(null));
    assertFalse(ScannerAgents.isScanner(""));
  }
}
