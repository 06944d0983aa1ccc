package org.convergepbx.container;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import java.net.InetAddress;
import java.util.function.BiPredicate;
import javax.sip.SipStack;
import javax.sip.header.UserAgentHeader;
import javax.sip.message.Response;

/**
 * The SIP stack's first look at every request (a JAIN-SIP message valve, {@code gov.nist.javax.sip.SIP_MESSAGE_VALVE}
 * in {@code mss-sip-stack.properties}): a request the application refuses (its source is banned or flooding, or
 * it comes from a known scanner) is dropped here, before the stack makes a transaction, a SIP session and an
 * application session for it, so that a banned flood costs no memory. The decision is the application's: it
 * publishes a {@code BiPredicate<String, String>} (source address, User-Agent or null; true lets the request in)
 * under {@link #GATE} in the system properties, a place the container's and the application's class loaders
 * share; until it does (during start-up), every request goes in. On start the valve sets {@link #INSTALLED}, so
 * that the application does not count requests a second time.
 */
public final class SourceGate implements SIPMessageValve {
  /** The system-properties key of the application's decision. */
  public static final String GATE = "org.convergepbx.sip.sourceGate";
  /** The system property that says this valve runs. */
  public static final String INSTALLED = "org.convergepbx.sip.sourceGate.installed";

  @Override
  public void init(SipStack stack) {
    System.setProperty(INSTALLED, "true");
  }

  @Override
  public boolean processRequest(SIPRequest request, MessageChannel channel) {
    BiPredicate<String, String> gate = gate();
    if (gate == null) {
      return true;
    }
    InetAddress source = request.getPeerPacketSourceAddress();
    String address = source != null ? source.getHostAddress() : channel.getPeerAddress();
    return gate.test(address, request.getHeader(UserAgentHeader.NAME) instanceof SIPHeader ua
        ? ua.getHeaderValue() : null);
  }

  /** The application's decision, if it has published one. */
  @SuppressWarnings("unchecked")
  private static BiPredicate<String, String> gate() {
    Object gate = System.getProperties().get(GATE);
    return gate instanceof BiPredicate<?, ?> g ? (BiPredicate<String, String>) g : null;
  }

  @Override
  public boolean processResponse(Response response, MessageChannel channel) {
    return true;
  }

  @Override
  public void destroy() {
    System.clearProperty(INSTALLED);
  }
}
