package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.io.IOException;
import java.net.http.HttpResponse;
import org.cafesip.sipunit.SipCall;
import org.cafesip.sipunit.SipPhone;
import org.cafesip.sipunit.SipTransaction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the tests that run against the real converged container (Restcomm SIP Servlets on embedded Tomcat 7,
 * through Arquillian) with the application deployed exactly as built (web-app/target/pbx.war).
 */
@ExtendWith(ArquillianExtension.class)
public abstract class ContainerTest {
  protected static final int SIP_PORT = Integer.getInteger("it.sip.port");
  protected static final int HTTP_PORT = Integer.getInteger("it.http.port");
  protected static final String SERVER = "127.0.0.1";
  protected static final long TIMEOUT = 5000;
  protected static final long HALF_SECOND_MS = 500;

  protected static final ObjectMapper JSON = new ObjectMapper();

  protected AdminApi api;
  protected Phones phones;

  @Deployment(testable = false)
  public static WebArchive application() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("pbx.war")));
  }

  @BeforeEach
  void connect() {
    api = new AdminApi("http://" + SERVER + ":" + HTTP_PORT + "/pbx", "admin", System.getProperty("PBX_ADMIN_PASSWORD"));
    phones = new Phones(SERVER, SIP_PORT);
  }

  @AfterEach
  void hangUpPhones() {
    phones.close();
  }

  /** The caller's only call record once it is closed (a record is written before the SIP message that ends the call). */
  protected JsonNode closedRecordOf(Party caller) {
    JsonNode page = json(api.get("/api/v1/cdr?src=" + caller.number()));
    assertEquals(1, page.path("total").asInt(), page.toString());
    JsonNode record = page.path("records").get(0);
    assertEquals("CLOSED", record.path("state").asText(), record.toString());
    return record;
  }

  /** The body of a 200 response as JSON. */
  protected static JsonNode json(HttpResponse<String> r) {
    assertEquals(200, r.statusCode(), r.body());
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError(r.body(), e);
    }
  }

  /** A 400 response whose error names {@code field}. */
  protected static void assertField(HttpResponse<String> r, String field) {
    assertEquals(400, r.statusCode(), r.body());
    try {
      assertEquals(field, JSON.readTree(r.body()).path("field").asText(), r.body());
    } catch (IOException e) {
      throw new AssertionError(r.body(), e);
    }
  }

  /** A number not used by any other test in this JVM run. */
  protected static String uniqueNumber() {
    return String.valueOf(NumberPool.next());
  }

  private static final class NumberPool {
    private static final java.util.concurrent.atomic.AtomicInteger NEXT =
        new java.util.concurrent.atomic.AtomicInteger((int) (System.currentTimeMillis() % 100_000) * 10 + 1_000_000);

    static int next() {
      return NEXT.incrementAndGet();
    }
  }

  protected Party caller() {
    String number = uniqueNumber();
    api.provision(number, "secret-" + number);
    return new Party(number, "secret-" + number, phones.phone(number, "secret-" + number));
  }

  protected Party callee() {
    String number = uniqueNumber();
    String secret = "secret-" + number;
    api.provision(number, secret);
    SipPhone phone = phones.phone(number, secret);
    assertTrue(phone.register(number, secret, null, 600, TIMEOUT), phone.format());
    return new Party(number, secret, phone);
  }

  /** A call from {@code caller} that has reached {@code callee}'s phone, not yet answered. */
  protected Established offer(Party caller, Party callee) {
    SipCall in = callee.phone().createSipCall();
    assertTrue(in.listenForIncomingCall());
    SipCall out = dial(caller, callee.uri());
    assertTrue(in.waitForIncomingCall(TIMEOUT), in.format());
    return new Established(out, in);
  }

  /** The callee answers 486; the caller gets it. */
  protected static void answerBusy(Established call) {
    assertTrue(call.in().sendIncomingCallResponse(486, "Busy Here", 0), call.in().format());
    assertEquals(486, finalResponse(call.out()), call.out().format());
  }

  /** The phone rings (180), the caller cancels, the callee answers the CANCEL and ends the INVITE with 487. */
  protected static void cancelWhileRinging(Established call) {
    SipCall out = call.out();
    SipCall in = call.in();
    assertTrue(in.sendIncomingCallResponse(180, "Ringing", 0), in.format());
    awaitStatus(out, 180);
    SipTransaction cancel = out.sendCancel();
    assertNotNull(cancel, out.format());
    SipTransaction received = in.waitForCancel(TIMEOUT);
    assertNotNull(received, in.format());
    assertTrue(in.respondToCancel(received, 200, "OK", 0), in.format());
    assertTrue(in.sendIncomingCallResponse(487, "Request Terminated", 0), in.format());
    assertTrue(out.waitForCancelResponse(cancel, TIMEOUT), out.format());
    assertEquals(487, finalResponse(out), out.format());
  }

  /** A call from {@code caller} answered by {@code callee}: INVITE (with 407), 180, 200, ACK. */
  protected Established establish(Party caller, Party callee) {
    Established offered = offer(caller, callee);
    SipCall out = offered.out();
    SipCall in = offered.in();
    assertTrue(in.sendIncomingCallResponse(180, "Ringing", 0), in.format());
    assertTrue(in.sendIncomingCallResponse(200, "OK", 0), in.format());
    assertEquals(200, finalResponse(out), out.format());
    assertBackToBack(out, in);
    assertTrue(out.sendInviteOkAck(), out.format());
    assertTrue(in.waitForAck(TIMEOUT), in.format());
    return new Established(out, in);
  }

  /**
   * The server is a back-to-back user agent: the caller's dialog ends at the server (its 2xx's Contact is the
   * server's) and the callee's leg is a dialog of its own (another Call-ID).
   */
  private static void assertBackToBack(SipCall out, SipCall in) {
    javax.sip.message.Message ok = out.getLastReceivedResponse().getMessage();
    String contact = ok.getHeader("Contact").toString();
    assertTrue(contact.contains(":" + SIP_PORT), "the 2xx must come from the server: " + ok);
    assertNotEquals(callIdOf(out), callIdOf(in), "the callee's leg must be a dialog of its own");
  }

  /** Each member's phone waits for a call. */
  protected static List<SipCall> listen(List<Party> members) {
    List<SipCall> ins = new ArrayList<>();
    for (Party m : members) {
      SipCall in = m.phone().createSipCall();
      assertTrue(in.listenForIncomingCall(), in.format());
      ins.add(in);
    }
    return ins;
  }

  /** Waits for the member's phone to be called and lets it ring (180); returns when it was called. */
  protected static long ring(SipCall in) {
    if (in.getLastReceivedRequest() == null) {
      assertTrue(in.waitForIncomingCall(2 * TIMEOUT), in.format());
    }
    long at = System.nanoTime() / 1_000_000;
    assertTrue(in.sendIncomingCallResponse(180, "Ringing", 0), in.format());
    return at;
  }

  /** The member's ringing leg is cancelled by the server; the phone ends its INVITE with 487. */
  protected static void answerCancel(SipCall in, long timeoutMs) {
    SipTransaction cancel = in.waitForCancel(timeoutMs);
    assertNotNull(cancel, "the losing member's phone must be cancelled: " + in.format());
    assertTrue(in.respondToCancel(cancel, 200, "OK", 0), in.format());
    assertTrue(in.sendIncomingCallResponse(487, "Request Terminated", 0), in.format());
  }

  /** The callee answers, the caller acknowledges, then hangs up. */
  protected static void answerAndHangUp(SipCall out, SipCall in) {
    assertTrue(in.sendIncomingCallResponse(200, "OK", 0), in.format());
    assertEquals(200, finalResponse(out), out.format());
    assertTrue(out.sendInviteOkAck(), out.format());
    assertTrue(in.waitForAck(TIMEOUT), in.format());
    hangUp(new Established(out, in));
  }

  protected static void assertWithinHalfASecond(long expectedMs, long actualMs, String what) {
    assertTrue(
        Math.abs(actualMs - expectedMs) <= HALF_SECOND_MS,
        what + ": " + actualMs + " ms instead of " + expectedMs + " ms ± " + HALF_SECOND_MS);
  }

  protected static String uriOf(String number) {
    return "sip:" + number + "@" + Phones.DOMAIN;
  }

  /** The Call-ID of the call as this side sees it. */
  protected static String callIdOf(SipCall call) {
    javax.sip.message.Message m =
        call.getLastReceivedResponse() != null
            ? call.getLastReceivedResponse().getMessage()
            : call.getLastReceivedRequest().getMessage();
    return ((javax.sip.header.CallIdHeader) m.getHeader("Call-ID")).getCallId();
  }

  /** The caller hangs up; the server passes the BYE to the callee. */
  protected static void hangUp(Established call) {
    assertTrue(call.out().disconnect(), call.out().format());
    assertTrue(call.in().waitForDisconnect(TIMEOUT), call.in().format());
    assertTrue(call.in().respondToDisconnect(), call.in().format());
  }

  /** Places the call with the caller's credentials. */
  protected SipCall dial(Party caller, String uri) {
    return phones.dial(caller.phone(), caller.number(), caller.secret(), uri);
  }

  /** Waits for the caller's final response. */
  protected static int finalResponse(SipCall call) {
    long deadline = System.currentTimeMillis() + 2 * TIMEOUT;
    while (System.currentTimeMillis() < deadline) {
      if (!call.waitOutgoingCallResponse(TIMEOUT)) {
        break;
      }
      if (call.getReturnCode() >= 200) {
        return call.getReturnCode();
      }
    }
    return call.getReturnCode();
  }

  protected static void awaitStatus(SipCall call, int status) {
    long deadline = System.currentTimeMillis() + 2 * TIMEOUT;
    while (call.getReturnCode() != status && System.currentTimeMillis() < deadline) {
      assertTrue(call.waitOutgoingCallResponse(TIMEOUT), call.format());
    }
    assertEquals(status, call.getReturnCode(), call.format());
  }

  /** The caller's and the callee's side of one call. */
  protected record Established(SipCall out, SipCall in) {}

  protected record Party(String number, String secret, SipPhone phone) {
    String uri() {
      return "sip:" + number + "@" + Phones.DOMAIN;
    }
  }
}
