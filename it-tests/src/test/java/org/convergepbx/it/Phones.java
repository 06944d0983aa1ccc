package org.convergepbx.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.header.Header;
import org.cafesip.sipunit.Credential;
import org.cafesip.sipunit.SipCall;
import org.cafesip.sipunit.SipPhone;
import org.cafesip.sipunit.SipStack;

/**
 * SipUnit phones for one test: each phone gets its own JAIN-SIP stack on a free port, and all are disposed of
 * together.
 */
public final class Phones implements AutoCloseable {
  public static final String DOMAIN = "pbx.test";
  private static final AtomicInteger STACKS = new AtomicInteger();

  private final String serverHost;
  private final int serverPort;
  private final List<SipStack> stacks = new ArrayList<>();
  private final List<SipPhone> phones = new ArrayList<>();

  public Phones(String serverHost, int serverPort) {
    this.serverHost = serverHost;
    this.serverPort = serverPort;
  }

  /** A phone for extension {@code number} whose requests go through the server as outbound proxy. */
  public SipPhone phone(String number, String secret) {
    try {
      int port = FreePorts.next();
      Properties p = new Properties();
      p.setProperty("javax.sip.STACK_NAME", "it-phone-" + STACKS.incrementAndGet());
      p.setProperty("javax.sip.IP_ADDRESS", "127.0.0.1");
      p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
      SipStack stack = new SipStack(SipStack.PROTOCOL_UDP, port, p);
      stacks.add(stack);
      SipPhone phone =
          stack.createSipPhone(serverHost, SipStack.PROTOCOL_UDP, serverPort, "sip:" + number + "@" + DOMAIN);
      phone.addUpdateCredential(new Credential(DOMAIN, number, secret));
      phones.add(phone);
      return phone;
    } catch (Exception e) {
      throw new AssertionError("cannot create a phone for " + number + ": " + e, e);
    }
  }

  /**
   * Places a call from {@code phone} (extension {@code number}) with credentials in the first INVITE, using a
   * nonce the server issued: SipUnit's own answer to a 407 resends the INVITE with the To tag of the 407, which
   * makes it look like a re-INVITE to the callee. Real phones do not do that.
   */
  public SipCall dial(SipPhone phone, String number, String secret, String toUri) {
    return dial(phone, number, secret, toUri, null);
  }

  /** As {@link #dial(SipPhone, String, String, String)}, with an SDP offer in the INVITE (null: none). */
  public SipCall dial(SipPhone phone, String number, String secret, String toUri, String sdp) {
    String nonce;
    try (RawSip raw = new RawSip(serverPort)) {
      raw.send(raw.request("REGISTER", "sip:" + DOMAIN, number, number, "nonce-" + System.nanoTime(), 1)
          + "Content-Length: 0\n\n");
      String challenge = raw.awaitFinalResponse(5000);
      nonce = Digest.challengeParam(challenge, "WWW-Authenticate", "nonce");
    }
    try {
      Header auth =
          javax.sip.SipFactory.getInstance()
              .createHeaderFactory()
              .createHeader(
                  "Proxy-Authorization",
                  Digest.authorization(number, DOMAIN, secret, "INVITE", toUri, nonce, 1).substring(0));
      ArrayList<Header> headers = new ArrayList<>(List.of(auth));
      if (sdp != null) {
        headers.add(
            javax.sip.SipFactory.getInstance().createHeaderFactory().createContentTypeHeader("application", "sdp"));
      }
      SipCall call = phone.createSipCall();
      if (!call.initiateOutgoingCall("sip:" + number + "@" + DOMAIN, toUri, null, headers, null, sdp)) {
        throw new AssertionError(call.format());
      }
      return call;
    } catch (java.text.ParseException | javax.sip.PeerUnavailableException e) {
      throw new AssertionError(e);
    }
  }

  /** The contact URI a phone registers. */
  public static String contactOf(SipPhone phone) {
    return phone.getContactInfo().getURI();
  }

  /** Waits up to {@code waitMs} for the call's final response and returns its status (or the last one seen). */
  public static int finalResponse(org.cafesip.sipunit.SipCall call, long waitMs) {
    long deadline = System.currentTimeMillis() + waitMs;
    while (System.currentTimeMillis() < deadline) {
      if (call.waitOutgoingCallResponse(Math.max(1, deadline - System.currentTimeMillis()))
          && call.getReturnCode() >= 200) {
        return call.getReturnCode();
      }
    }
    return call.getReturnCode();
  }

  /** Unregisters and disposes of every phone (the server should still be up); closing twice is harmless. */
  @Override
  public void close() {
    for (SipPhone p : phones) {
      try {
        p.dispose();
      } catch (RuntimeException ignored) {
        // disposing a phone that never registered can fail; the stack goes next anyway
      }
    }
    for (SipStack s : stacks) {
      s.dispose();
    }
    phones.clear();
    stacks.clear();
  }
}
